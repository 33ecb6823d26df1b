package io.maas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maas.serve.PredictionServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's flow from the command line: fit --save, then serve the file and ask it for a prediction. */
class ServeCommandTest {

    @Test
    void fit_save_then_serve_answers_predict_with_the_saved_model(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("diabetes.model.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--json", "--save", model.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.size(model)).isPositive();
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        double expected = report.get("examplePrediction").get("predicted").asDouble();
        JsonNode row = report.get("examplePrediction").get("features");

        Options options = Options.parse(new String[] {"serve", "--model", model.toString(), "--port", "0",
            "--threads", "2"});
        PredictionServer server = Main.startServer(options);
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> predicted = client.send(HttpRequest.newBuilder(server.uri().resolve("/predict"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"X\": " + row + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> card = client.send(HttpRequest.newBuilder(server.uri().resolve("/model")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(predicted.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(predicted.body()).get("y_pred").asDouble()).isEqualTo(expected);
            JsonNode cardJson = new ObjectMapper().readTree(card.body());
            assertThat(cardJson.get("target").asText()).isEqualTo("progression");
            assertThat(cardJson.get("trainingRows").asInt()).isEqualTo(354);
            assertThat(cardJson.get("evaluation").get("mse").asDouble()).isPositive();
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void serve_without_a_model_or_with_a_bad_file_is_one_line_and_non_zero(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream outStream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThat(Main.run(new String[] {"serve"}, outStream, errStream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("serve needs --model FILE");
        err.reset();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"something else\"}");
        assertThat(Main.run(new String[] {"serve", "--model", bad.toString(), "--port", "0"}, outStream, errStream))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("maas: ").doesNotContain("\tat ");
    }

    @Test
    void serve_refuses_a_model_with_categorical_features_in_one_line(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("onehot.model.json");
        try (java.io.InputStream in = getClass().getResourceAsStream("/persist/diabetes-onehot.model.json")) {
            Files.copy(in, model);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"serve", "--model", model.toString(), "--port", "0"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("maas: cannot serve: the server takes rows of "
                + "numbers, but the model also reads the categorical features [sex, age_band]; predict with "
                + "FittedPipeline.predict(Map) instead" + System.lineSeparator());
    }
}
