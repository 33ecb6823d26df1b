package io.maas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void no_arguments_runs_the_quickstart_on_the_bundled_data() {
        int status = run();

        assertThat(status).isZero();
        assertThat(err()).isEmpty();
        assertThat(out())
                .contains("442 rows x 10 features, target 'progression'")
                .contains("354 train rows, 88 test rows")
                .contains("least squares")
                .contains("(intercept)")
                .contains("std. error")
                .contains("5-fold cross-validation on the 354 training rows")
                .contains("pipeline  Pipeline[")
                .contains("bmi")
                .containsPattern("test MSE +\\d")
                .contains("test R²")
                .containsPattern("prediction for the first test row: -?\\d.* \\(actual \\d");
    }

    @Test
    void json_report_has_coefficients_by_name_metrics_and_diagnostics() throws IOException {
        int status = run("--json");

        assertThat(status).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("coefficients").get("bmi").isDouble()).isTrue();
        assertThat(json.get("coefficients").size()).isEqualTo(10);
        assertThat(json.get("testMetrics").get("mse").asDouble()).isPositive();
        assertThat(json.get("diagnostics").get("rank").asInt()).isEqualTo(11);
        assertThat(json.get("split").get("trainRows").asInt()).isEqualTo(354);
        assertThat(json.get("crossValidation").get("folds").size()).isEqualTo(5);
        assertThat(json.get("crossValidation").get("mean").get("mse").asDouble()).isPositive();
        assertThat(json.get("statistics").get("parameters").get(3).get("name").asText()).isEqualTo("bmi");
    }

    @Test
    void folds_option_sets_or_skips_cross_validation() throws IOException {
        assertThat(run("--json", "--folds", "3")).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("crossValidation").get("folds").size()).isEqualTo(3);
        out.reset();
        assertThat(run("--json", "--folds", "0")).isZero();
        assertThat(new ObjectMapper().readTree(out()).has("crossValidation")).isFalse();
        assertThat(run("--folds", "1")).isEqualTo(2);
        assertThat(err()).contains("--folds must be 0 (no cross-validation) or a whole number >= 2 but was '1'");
    }

    @Test
    void quickstart_is_the_same_whether_named_or_not() {
        run("quickstart", "--json");
        String named = out().replaceAll("\"fitTimeMillis\": [0-9.E-]+", "");
        out.reset();
        run("--json");

        assertThat(out().replaceAll("\"fitTimeMillis\": [0-9.E-]+", "")).isEqualTo(named);
    }

    @Test
    void fit_reads_a_users_csv_with_a_named_target(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("line.csv");
        StringBuilder text = new StringBuilder("y,x,noise\n");
        for (int i = 0; i < 20; i++) {
            text.append(3 + 2 * i).append(',').append(i).append(',').append(i % 3).append('\n');
        }
        Files.writeString(csv, text);

        int status = run("fit", "--data", csv.toString(), "--target", "y", "--json");

        assertThat(status).as(err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("intercept").asDouble()).isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.get("coefficients").get("x").asDouble())
                .isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.get("target").asText()).isEqualTo("y");
    }

    @Test
    void fit_chunked_reads_the_file_twice_and_agrees_with_the_in_memory_fit(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("noisy.csv");
        StringBuilder text = new StringBuilder("x,z,y\n");
        for (int i = 0; i < 30; i++) {
            text.append(i).append(',').append(i % 4).append(',').append(3 + 2 * i - (i % 4) + (i * 7 % 5) * 0.1)
                    .append('\n');
        }
        Files.writeString(csv, text);
        assertThat(run("fit", "--data", csv.toString(), "--train-rows", "30", "--folds", "0", "--json"))
                .as(err()).isZero();
        JsonNode inMemory = new ObjectMapper().readTree(out());
        out.reset();

        int status = run("fit", "--data", csv.toString(), "--chunked", "--progress", "--json");

        assertThat(status).as(err()).isZero();
        JsonNode chunked = new ObjectMapper().readTree(out());
        assertThat(chunked.get("rows").asInt()).isEqualTo(30);
        assertThat(chunked.get("intercept").asDouble()).isCloseTo(inMemory.get("intercept").asDouble(),
                org.assertj.core.api.Assertions.withinPercentage(1e-10));
        for (String name : List.of("x", "z")) {
            assertThat(chunked.get("coefficients").get(name).asDouble()).isCloseTo(
                    inMemory.get("coefficients").get(name).asDouble(),
                    org.assertj.core.api.Assertions.withinPercentage(1e-10));
        }
        assertThat(err()).contains("pass 1 of 2: 30 rows read").contains("pass 2 of 2: 30 rows read")
                .contains("100% done, about 0 s left").endsWith(System.lineSeparator());
    }

    @Test
    void fit_chunked_refuses_the_options_it_cannot_honour() {
        int status = run("fit", "--data", "any.csv", "--chunked", "--folds", "3");

        assertThat(status).isEqualTo(2);
        assertThat(err()).isEqualTo("maas: fit --chunked fits all rows by least squares and takes only --data, "
                + "--target, --no-intercept, --ridge, --json and --progress, not --folds (see --help)"
                + System.lineSeparator());
    }

    @Test
    void help_lists_the_commands() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("quickstart").contains("fit --data FILE").contains("--json");
    }

    @Test
    void an_unknown_option_is_one_line_on_stderr_and_status_2() {
        int status = run("--frobnicate");

        assertThat(status).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("maas: unknown option '--frobnicate' (see --help)" + System.lineSeparator());
    }

    @Test
    void a_missing_file_is_one_line_and_status_1() {
        int status = run("fit", "--data", "no/such.csv");

        assertThat(status).isEqualTo(1);
        assertThat(err()).isEqualTo("maas: cannot read no/such.csv: no such file" + System.lineSeparator());
    }

    @Test
    void a_bad_cell_is_reported_with_line_and_column_and_no_stack_trace(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a,y\n1,2\n2,3\nx,4\n");

        int status = run("fit", "--data", csv.toString());

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("line 4, column 'a': 'x' is not a number").doesNotContain("\tat ");
        assertThat(err().lines()).hasSize(1);
    }

    @Test
    void a_rank_deficient_csv_is_reported_with_the_rank_under_the_fail_policy(@TempDir Path dir)
            throws IOException {
        Path csv = dir.resolve("dup.csv");
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 20; i++) {
            text.append(i).append(',').append(i).append(',').append(i * i).append('\n');
        }
        Files.writeString(csv, text);

        int status = run("fit", "--data", csv.toString(), "--policy", "fail");

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("rank deficient: rank 2 < 3 parameters");
    }

    @Test
    void nist_longley_is_reproduced_from_the_shell_with_all_rows_and_no_test_report(@TempDir Path dir)
            throws IOException {
        io.maas.solver.NistDatasetAccess longley = io.maas.solver.NistDatasetAccess.load("Longley");
        Path csv = dir.resolve("longley.csv");
        Files.writeString(csv, longley.csv());

        int status = run("fit", "--data", csv.toString(), "--target", "y", "--train-rows", "16", "--json");

        assertThat(status).as(err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.has("testMetrics")).isFalse();
        JsonNode parameters = json.get("statistics").get("parameters");
        for (int j = 0; j < parameters.size(); j++) {
            assertThat(longley.lre(j, parameters.get(j).get("estimate").asDouble())).as("B%d", j)
                    .isGreaterThanOrEqualTo(12);
            assertThat(longley.standardErrorLre(j, parameters.get(j).get("standardError").asDouble()))
                    .as("sd of B%d", j).isGreaterThanOrEqualTo(12);
        }
        assertThat(json.get("diagnostics").get("precision").asText()).isEqualTo("extended");
    }

    @Test
    void solver_options_reach_the_fit() throws IOException {
        assertThat(run("--json", "--no-intercept", "--precision", "double", "--ridge", "0.5")).as(err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("intercept").asDouble()).isZero();
        assertThat(json.get("diagnostics").get("precision").asText()).isEqualTo("double");
        assertThat(json.has("statistics")).as("no inference statistics for ridge").isFalse();
        out.reset();

        assertThat(run("--json", "--solver", "gd")).as(err()).isZero();
        JsonNode gd = new ObjectMapper().readTree(out());
        assertThat(gd.get("diagnostics").get("method").asText()).startsWith("gradient descent");
        assertThat(gd.get("diagnostics").get("costHistory").size()).isEqualTo(
                gd.get("diagnostics").get("iterations").asInt());
    }

    @Test
    void bad_solver_choices_list_the_allowed_values() {
        assertThat(run("--policy", "maybe")).isEqualTo(2);
        assertThat(err()).contains("--policy must be one of fail, minimum-norm, gradient-descent but was 'maybe'");
        err.reset();
        assertThat(run("--ridge", "-1")).isEqualTo(2);
        assertThat(err()).contains("--ridge must be a finite number >= 0 but was '-1'");
        err.reset();
        assertThat(run("--train-rows", "0")).isEqualTo(2);
        assertThat(err()).contains("--train-rows must be a whole number >= 1 but was '0'");
    }

    @Test
    void option_values_are_checked() {
        assertThat(run("--seed", "abc")).isEqualTo(2);
        assertThat(err()).contains("--seed must be an integer but was 'abc'");
        err.reset();
        assertThat(run("--train-fraction", "1.5")).isEqualTo(2);
        assertThat(err()).contains("--train-fraction must be a number between 0 and 1");
        err.reset();
        assertThat(run("fit")).isEqualTo(2);
        assertThat(err()).contains("fit needs --data FILE");
    }
}
