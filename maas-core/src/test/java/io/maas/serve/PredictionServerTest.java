package io.maas.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.monitor.Fixtures;
import io.maas.monitor.MonitorSnapshot;
import io.maas.monitor.MonitoredPipeline;
import io.maas.pipeline.FittedPipeline;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * The server end to end: started on an ephemeral loopback port, called with the JDK's HttpClient with good and bad
 * requests, its {@code /metrics} checked to count every one, stopped, and no thread of it left.
 */
class PredictionServerTest {

    private final FittedPipeline diabetes = Fixtures.diabetes();
    private final Dataset data = SampleData.diabetes();

    @Test
    void serves_predictions_rejects_bad_requests_counts_them_all_and_stops_leaving_no_thread() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        PredictionServer server = PredictionServer.builder(MonitoredPipeline.builder(diabetes).name("diabetes").build())
                .address(new InetSocketAddress("127.0.0.1", 0))
                .threads(2)
                .start();
        int port = server.address().getPort();
        Client client = new Client(server);
        try {
            assertThat(port).isPositive();
            assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + port + "/");

            // Good requests: one row, a list of rows, rows by name; health and the model card.
            JsonNode one = Client.json(client.postJson("/predict", "{\"X\": " + row(0) + "}"));
            assertThat(one.size()).isEqualTo(1);
            assertThat(one.get("y_pred").asDouble()).isEqualTo(diabetes.predict(data.row(0)));

            HttpResponse<String> list = client.postJson("/predict", "{\"X\": [" + row(1) + ", " + row(2) + ", "
                    + row(3) + "]}");
            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode predictions = Client.json(list).get("y_pred");
            assertThat(predictions.size()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(predictions.get(i).asDouble()).isEqualTo(diabetes.predict(data.row(i + 1)));
            }

            JsonNode named = Client.json(client.postJson("/predict",
                    "{\"rows\": [" + named(4) + ", " + named(5) + "]}"));
            assertThat(named.get("y_pred").get(0).asDouble()).isEqualTo(diabetes.predict(data.row(4)));
            assertThat(named.get("y_pred").get(1).asDouble()).isEqualTo(diabetes.predict(data.row(5)));

            HttpResponse<String> health = client.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Client.json(health).get("status").asText()).isEqualTo("up");

            JsonNode card = Client.json(client.get("/model"));
            assertThat(card.get("name").asText()).isEqualTo("diabetes");
            assertThat(card.get("task").asText()).isEqualTo("regression");
            assertThat(card.get("target").asText()).isEqualTo("progression");
            assertThat(card.get("training_rows").asInt()).isEqualTo(442);
            assertThat(card.get("features").toString())
                    .isEqualTo("[\"age\",\"sex\",\"bmi\",\"bp\",\"s1\",\"s2\",\"s3\",\"s4\",\"s5\",\"s6\"]");

            // Bad requests: each a 4xx with a JSON error saying what is wrong.
            assertThat(Client.error(client.postJson("/predict", "{\"X\": [1, 2,"), 400))
                    .startsWith("invalid JSON at line 1, column 13");
            assertThat(Client.error(client.postJson("/predict", "{\"X\": [1, 2, 3]}"), 400))
                    .isEqualTo("X has 3 values but the model expects 10 features"
                            + " [age, sex, bmi, bp, s1, s2, s3, s4, s5, s6]");
            assertThat(Client.error(client.postJson("/predict", "{\"rows\": [{\"bmii\": 32.1}]}"), 400))
                    .startsWith("rows[0] has unknown feature 'bmii'; the features are [age, sex, bmi,");
            assertThat(Client.error(client.postJson("/predict", "{\"X\": [NaN, 1, 2, 3, 4, 5, 6, 7, 8, 9]}"), 400))
                    .contains("Non-standard token 'NaN'");
            assertThat(Client.error(client.postJson("/predict", "{\"X\": [" + "1, ".repeat(600_000) + "1]}"), 413))
                    .isEqualTo("the body is larger than the limit of 1048576 bytes; send fewer rows per request");
            HttpResponse<String> wrongMethod = client.get("/predict");
            assertThat(Client.error(wrongMethod, 405)).isEqualTo("/predict takes POST, not 'GET'");
            assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
            assertThat(Client.error(client.post("/predict", "text/plain", "{\"X\": " + row(0) + "}"), 415))
                    .isEqualTo("Content-Type 'text/plain' is not supported; send the body as application/json (UTF-8)");
            assertThat(Client.error(client.get("/nowhere"), 404)).startsWith("no such path '/nowhere'; the server"
                    + " answers POST /predict, POST /feedback, GET /metrics, GET /health, GET /model");

            // Metrics: the six rows predicted, and every request by endpoint and status.
            HttpResponse<String> metrics = client.get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue(MonitorSnapshot.PROMETHEUS_CONTENT_TYPE);
            String text = metrics.body();
            assertThat(Client.sample(text, "maas_predict_requests_total{model=\"diabetes\"}")).isEqualTo(6);
            assertThat(Client.sample(text, "maas_predict_failures_total{model=\"diabetes\"}")).isZero();
            assertThat(Client.sample(text, "maas_predict_latency_seconds_count{model=\"diabetes\"}")).isEqualTo(6);
            assertThat(Client.sample(text, "maas_http_requests_total{endpoint=\"/predict\"}")).isEqualTo(10);
            assertThat(Client.sample(text, "maas_http_failures_total{endpoint=\"/predict\"}")).isEqualTo(7);
            assertThat(responses(text, "/predict", 200)).isEqualTo(3);
            assertThat(responses(text, "/predict", 400)).isEqualTo(4);
            assertThat(responses(text, "/predict", 413)).isEqualTo(1);
            assertThat(responses(text, "/predict", 405)).isEqualTo(1);
            assertThat(responses(text, "/predict", 415)).isEqualTo(1);
            assertThat(responses(text, "other", 404)).isEqualTo(1);
            assertThat(responses(text, "/health", 200)).isEqualTo(1);
            assertThat(responses(text, "/model", 200)).isEqualTo(1);
            assertThat(Client.sample(text, "maas_http_latency_seconds{endpoint=\"/predict\",quantile=\"0.99\"}"))
                    .isPositive();
            assertThat(Client.newThreads(before)).contains("HTTP-Dispatcher", "maas-serve-" + port + "-worker-1");
        } finally {
            server.stop(PredictionServer.DEFAULT_GRACE);
        }

        Client.assertNoThreadLeft(before);
        assertThatThrownBy(() -> client.get("/health"))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void the_command_line_entry_serves_a_given_card_as_is() throws Exception {
        String card = "{\"name\": \"diabetes\", \"saved\": \"2025-01-01T00:00:00Z\", \"features\": [\"age\"]}";
        try (PredictionServer server = PredictionServer.start(diabetes, card, new InetSocketAddress("127.0.0.1", 0),
                1)) {
            HttpResponse<String> response = new Client(server).get("/model");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(card);
            assertThat(server.monitor().name()).isEqualTo("progression");
        }
    }

    private static double responses(String metrics, String endpoint, int code) {
        return Client.sample(metrics, "maas_http_responses_total{code=\"" + code + "\",endpoint=\"" + endpoint
                + "\"}");
    }

    private String row(int i) {
        StringJoiner values = new StringJoiner(", ", "[", "]");
        for (double value : data.row(i)) {
            values.add(Double.toString(value));
        }
        return values.toString();
    }

    private String named(int i) {
        List<String> names = data.featureNames();
        StringJoiner values = new StringJoiner(", ", "{", "}");
        double[] row = data.row(i);
        for (int j = names.size() - 1; j >= 0; j--) {
            values.add(String.format(Locale.ROOT, "\"%s\": %s", names.get(j), row[j]));
        }
        return values.toString();
    }
}
