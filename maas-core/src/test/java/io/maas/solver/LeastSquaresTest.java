package io.maas.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.data.TrainTestSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    /**
     * 1e-9 relative, as the walking-skeleton issue asks. Diabetes' column-scaled condition is about 10 (see the
     * diagnostics), so QR in double loses about one digit: agreement to ~1e-14 is expected, 1e-9 is a safe bound
     * that still catches any wrong formula, a dropped row or a misplaced intercept.
     */
    static final double RELATIVE = 1e-9;

    static void assertRelativelyClose(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected))
                .as("%s: %s vs reference %s", what, actual, expected)
                .isLessThanOrEqualTo(RELATIVE * Math.abs(expected));
    }

    @Nested
    class AgainstScikitLearn {

        private final JsonNode reference = Reference.json("diabetes.json");
        private final Dataset diabetes = SampleData.diabetes();

        @Test
        void ols_on_the_first_354_rows_matches_intercept_and_every_coefficient() {
            TrainTestSplit split = TrainTestSplit.firstRows(diabetes, 354);
            JsonNode expected = reference.get("ols_train");

            LinearSolution solution = LeastSquares.defaults().solve(split.train());

            assertRelativelyClose(solution.intercept(), expected.get("intercept").asDouble(), "intercept");
            double[] coefficients = solution.coefficients();
            double[] expectedCoefficients = Reference.doubles(expected.get("coef"));
            assertThat(coefficients).hasSize(expectedCoefficients.length);
            for (int j = 0; j < coefficients.length; j++) {
                assertRelativelyClose(coefficients[j], expectedCoefficients[j],
                        "coefficient of " + diabetes.featureNames().get(j));
            }
        }

        @Test
        void ols_on_all_rows_matches_reference() {
            JsonNode expected = reference.get("ols_full_data");

            LinearSolution solution = LeastSquares.defaults().solve(diabetes);

            assertRelativelyClose(solution.intercept(), expected.get("intercept").asDouble(), "intercept");
            double[] expectedCoefficients = Reference.doubles(expected.get("coef"));
            for (int j = 0; j < expectedCoefficients.length; j++) {
                assertRelativelyClose(solution.coefficients()[j], expectedCoefficients[j], "coefficient " + j);
            }
        }

        @Test
        void diagnostics_say_what_happened() {
            LinearSolution solution = LeastSquares.defaults().solve(diabetes);
            FitDiagnostics diagnostics = solution.diagnostics();

            assertThat(diagnostics.method()).startsWith("least squares");
            assertThat(diagnostics.converged()).isTrue();
            assertThat(diagnostics.rows()).isEqualTo(442);
            assertThat(diagnostics.parameters()).isEqualTo(11);
            assertThat(diagnostics.rank()).hasValue(11);
            assertThat(diagnostics.conditionEstimate().orElseThrow()).isBetween(1.0, 1e3);
            assertThat(diagnostics.fitTime()).isPositive();
        }
    }

    @Nested
    class ClosedForm {

        @Test
        void noise_free_data_is_recovered_exactly() {
            Random random = new Random(7);
            double[][] x = new double[50][3];
            double[] y = new double[50];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < 3; j++) {
                    x[i][j] = random.nextGaussian() * (j + 1) * 10;
                }
                y[i] = 4.0 - 2.0 * x[i][0] + 0.5 * x[i][1] + 3.0 * x[i][2];
            }
            Dataset data = Dataset.of(List.of("a", "b", "c"), x, "y", y);

            LinearSolution solution = LeastSquares.defaults().solve(data);

            assertThat(solution.intercept()).isCloseTo(4.0, within(1e-12));
            assertThat(solution.coefficients()).containsExactly(new double[] {-2.0, 0.5, 3.0}, within(1e-13));
        }

        @Test
        void a_line_through_two_points() {
            Dataset data = Dataset.of(List.of("x"), new double[][] {{1}, {3}}, "y", new double[] {5, 9});

            LinearSolution solution = LeastSquares.defaults().solve(data);

            assertThat(solution.intercept()).isCloseTo(3.0, within(1e-14));
            assertThat(solution.coefficient("x")).isCloseTo(2.0, within(1e-14));
        }

        @Test
        void without_intercept_the_slope_is_sum_xy_over_sum_xx() {
            // y = b x through the origin: b = Σxy / Σx² = (1*2 + 2*3 + 3*7) / (1 + 4 + 9) = 29 / 14
            Dataset data = Dataset.of(List.of("x"), new double[][] {{1}, {2}, {3}}, "y", new double[] {2, 3, 7});

            LinearSolution solution = LeastSquares.builder().intercept(Intercept.NONE).build().solve(data);

            assertThat(solution.intercept()).isZero();
            assertThat(solution.coefficient("x")).isCloseTo(29.0 / 14.0, within(1e-15));
            assertThat(solution.diagnostics().parameters()).isEqualTo(1);
        }

        @Test
        void the_input_dataset_is_unchanged() {
            Dataset data = SampleData.diabetes();
            double[] features = data.featuresRowMajor();
            double[] target = data.target();

            LeastSquares.defaults().solve(data);

            assertThat(data.featuresRowMajor()).isEqualTo(features);
            assertThat(data.target()).isEqualTo(target);
        }
    }

    @Nested
    class Failures {

        private final LeastSquares failing = LeastSquares.builder().rankPolicy(RankPolicy.FAIL).build();

        @Test
        void a_duplicated_column_is_rank_deficient_and_the_message_names_the_rank_and_columns() {
            Dataset diabetes = SampleData.diabetes();
            Dataset duplicated = withExtraColumn(diabetes, "bmi_copy", diabetes.featureNames().indexOf("bmi"));

            assertThatThrownBy(() -> failing.solve(duplicated))
                    .isInstanceOf(RankDeficientException.class)
                    .hasMessageContaining("rank 11 < 12 parameters")
                    .hasMessageContaining("bmi, bmi_copy")
                    .satisfies(e -> {
                        RankDeficientException rank = (RankDeficientException) e;
                        assertThat(rank.rank()).isEqualTo(11);
                        assertThat(rank.parameters()).isEqualTo(12);
                        assertThat(rank.collinearColumns()).containsExactly("bmi", "bmi_copy");
                    });
        }

        @Test
        void a_column_that_is_a_combination_of_two_others_is_rank_deficient() {
            Random random = new Random(3);
            double[][] x = new double[30][3];
            double[] y = new double[30];
            for (int i = 0; i < x.length; i++) {
                x[i][0] = random.nextDouble();
                x[i][1] = random.nextDouble();
                x[i][2] = 2 * x[i][0] - 3 * x[i][1];
                y[i] = random.nextDouble();
            }
            Dataset data = Dataset.of(List.of("u", "v", "w"), x, "y", y);

            assertThatThrownBy(() -> failing.solve(data))
                    .isInstanceOf(RankDeficientException.class)
                    .hasMessageContaining("rank 3 < 4 parameters")
                    .hasMessageContaining("u, v, w");
        }

        @Test
        void a_constant_column_with_an_intercept_is_named() {
            double[][] x = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
            Dataset data = Dataset.of(List.of("x", "five"), x, "y", new double[] {1, 2, 2, 4});

            assertThatThrownBy(() -> failing.solve(data))
                    .isInstanceOf(RankDeficientException.class)
                    .hasMessageContaining("rank 2 < 3 parameters")
                    .hasMessageContaining("five")
                    .hasMessageContaining("duplicates the intercept");
        }

        @Test
        void fewer_rows_than_parameters_is_rank_deficient_before_any_work() {
            Dataset data = Dataset.of(List.of("a", "b"), new double[][] {{1, 2}, {3, 4}}, "y", new double[] {1, 2});

            assertThatThrownBy(() -> failing.solve(data))
                    .isInstanceOf(RankDeficientException.class)
                    .hasMessageContaining("rank 2 < 3 parameters")
                    .hasMessageContaining("fewer rows (2) than parameters (3)");
        }
    }

    static Dataset withExtraColumn(Dataset data, String name, int copyOf) {
        int n = data.rowCount();
        int p = data.featureCount();
        double[][] x = new double[n][p + 1];
        for (int i = 0; i < n; i++) {
            data.copyRow(i, x[i], 0);
            x[i][p] = x[i][copyOf];
        }
        List<String> names = new ArrayList<>(data.featureNames());
        names.add(name);
        return Dataset.of(names, x, data.targetName(), data.target());
    }
}
