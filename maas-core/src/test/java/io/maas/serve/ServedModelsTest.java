package io.maas.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.model.Estimator;
import io.maas.model.LinearRegression;
import io.maas.model.Model;
import io.maas.monitor.Fixtures;
import io.maas.monitor.MonitoredPipeline;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Pipeline;
import io.maas.preprocess.Impute;
import io.maas.preprocess.Scale;
import io.maas.solver.FitDiagnostics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Classifiers, imputing pipelines, feedback and a model that fails, each behind a server of its own. */
class ServedModelsTest {

    private Set<Thread> before;
    private PredictionServer server;

    @BeforeEach
    void recordThreads() {
        before = new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    @AfterEach
    void stopAndCheckThreads() throws InterruptedException {
        if (server != null) {
            server.stop(PredictionServer.DEFAULT_GRACE);
        }
        Client.assertNoThreadLeft(before);
    }

    private Client serve(FittedPipeline pipeline, String name) throws IOException {
        server = PredictionServer.builder(MonitoredPipeline.builder(pipeline).name(name).build())
                .address(new InetSocketAddress("127.0.0.1", 0)).threads(1).start();
        return new Client(server);
    }

    @Test
    void a_classifier_answers_the_probability_and_the_label() throws IOException {
        FittedPipeline classifier = Fixtures.classifier();
        Client client = serve(classifier, "toy");

        JsonNode one = Client.json(client.postJson("/predict", "{\"X\": [2.0, 1.0]}"));
        JsonNode list = Client.json(client.postJson("/predict", "{\"rows\": [{\"x1\": -2, \"x2\": -1},"
                + " {\"x1\": 2, \"x2\": 1}]}"));
        JsonNode card = Client.json(client.get("/model"));

        assertThat(one.get("y_pred").asDouble()).isEqualTo(classifier.predict(new double[] {2.0, 1.0}));
        assertThat(one.get("label").asInt()).isEqualTo(1);
        assertThat(list.get("label").toString()).isEqualTo("[0,1]");
        assertThat(list.get("y_pred").get(0).asDouble()).isLessThan(0.5);
        assertThat(card.get("task").asText()).isEqualTo("classification");
    }

    @Test
    void feedback_for_a_classifier_shows_as_accuracy_precision_and_recall() throws IOException {
        Client client = serve(Fixtures.classifier(), "toy");

        JsonNode accepted = Client.json(client.postJson("/feedback",
                "{\"y_pred\": [0.9, 0.8, 0.1, 0.3], \"y_true\": [1, 0, 0, 1]}"));
        String refused = Client.error(client.postJson("/feedback", "{\"y_pred\": 0.9, \"y_true\": 2}"), 400);
        String metrics = client.get("/metrics").body();

        assertThat(accepted.get("accepted").asInt()).isEqualTo(4);
        assertThat(refused).isEqualTo("a classifier's actual value is a label, 0 or 1, but was 2.0");
        assertThat(Client.sample(metrics, "maas_feedback_total{model=\"toy\"}")).isEqualTo(4);
        assertThat(Client.sample(metrics, "maas_quality_accuracy{model=\"toy\"}")).isEqualTo(0.5);
        assertThat(Client.sample(metrics, "maas_quality_precision{model=\"toy\"}")).isEqualTo(0.5);
        assertThat(Client.sample(metrics, "maas_quality_recall{model=\"toy\"}")).isEqualTo(0.5);
        assertThat(Client.sample(metrics, "maas_http_responses_total{code=\"400\",endpoint=\"/feedback\"}"))
                .isEqualTo(1);
    }

    @Test
    void feedback_for_a_regression_model_shows_as_mse_and_mae() throws IOException {
        Client client = serve(Fixtures.diabetes(), "diabetes");

        Client.json(client.postJson("/feedback", "{\"y_pred\": 100, \"y_true\": 103}"));
        Client.json(client.postJson("/feedback", "{\"y_pred\": [200], \"y_true\": [196]}"));
        String metrics = client.get("/metrics").body();

        assertThat(Client.sample(metrics, "maas_quality_mse{model=\"diabetes\"}")).isEqualTo(12.5);
        assertThat(Client.sample(metrics, "maas_quality_mae{model=\"diabetes\"}")).isEqualTo(3.5);
        assertThat(Client.sample(metrics, "maas_feedback_window_pairs{model=\"diabetes\"}")).isEqualTo(2);
    }

    @Test
    void null_is_a_missing_value_for_a_pipeline_that_starts_with_an_imputer() throws IOException {
        Dataset data = SampleData.diabetes();
        FittedPipeline imputing = Pipeline.builder().preprocess(Impute.mean()).preprocess(Scale.standard())
                .model(LinearRegression.leastSquares()).build().fit(data);
        Client client = serve(imputing, "imputing");
        double[] row = data.row(0);
        row[2] = Double.NaN;

        JsonNode answer = Client.json(client.postJson("/predict",
                "{\"X\": [59, 2, null, 101, 157, 93.2, 38, 4, 4.8598, 87]}"));

        assertThat(answer.get("y_pred").asDouble()).isEqualTo(imputing.predict(row));
    }

    @Test
    void a_model_that_throws_gets_a_500_without_a_stack_trace_and_counts_as_a_failure() throws IOException {
        Estimator broken = new Estimator() {
            @Override
            public Model fit(Dataset training) {
                Model fitted = LinearRegression.leastSquares().fit(training);
                return new Model() {
                    @Override
                    public List<String> featureNames() {
                        return fitted.featureNames();
                    }

                    @Override
                    public FitDiagnostics diagnostics() {
                        return fitted.diagnostics();
                    }

                    @Override
                    public double predict(double[] row) {
                        throw new IllegalStateException("a bug in the model (this stack trace is expected in the log)");
                    }
                };
            }
        };
        Client client = serve(Pipeline.builder().model(broken).build().fit(SampleData.diabetes()), "broken");

        HttpResponse<String> answer = client.postJson("/predict", "{\"X\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}");
        HttpResponse<String> healthAfter = client.get("/health");
        String metrics = client.get("/metrics").body();

        assertThat(Client.error(answer, 500)).isEqualTo("internal error; the server's log has the details");
        assertThat(answer.body()).doesNotContain("a bug in the model");
        assertThat(healthAfter.statusCode()).isEqualTo(200);
        assertThat(Client.sample(metrics, "maas_predict_failures_total{model=\"broken\"}")).isEqualTo(1);
        assertThat(Client.sample(metrics, "maas_http_responses_total{code=\"500\",endpoint=\"/predict\"}"))
                .isEqualTo(1);
    }
}
