package io.maas.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.maas.data.Dataset;
import io.maas.data.SampleData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Outside references (scikit-learn ridge, Commons Math OLS and t distribution) and invariants on seeded data. */
class LeastSquaresPropertiesTest {

    private static double[] parameters(LinearSolution s) {
        double[] all = new double[s.coefficients().length + 1];
        all[0] = s.intercept();
        System.arraycopy(s.coefficients(), 0, all, 1, s.coefficients().length);
        return all;
    }

    private static void assertRelativelyClose(double[] actual, double[] expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int j = 0; j < actual.length; j++) {
            assertThat(Math.abs(actual[j] - expected[j]))
                    .as("parameter %d: %s vs %s", j, actual[j], expected[j])
                    .isLessThanOrEqualTo(relative * Math.abs(expected[j]));
        }
    }

    @Nested
    class OutsideReferences {

        @Test
        void ridge_on_all_diabetes_rows_matches_scikit_learn_to_1e9() {
            JsonNode expected = Reference.json("diabetes.json").get("ridge_full_data");
            assertThat(expected.get("alpha").asDouble()).isEqualTo(1.0);

            LinearSolution ridge = LeastSquares.builder().ridge(1.0).build().solve(SampleData.diabetes());

            double[] reference = new double[11];
            reference[0] = expected.get("intercept").asDouble();
            System.arraycopy(Reference.doubles(expected.get("coef")), 0, reference, 1, 10);
            // Ridge is well conditioned (the penalty bounds the smallest eigenvalue): both sides agree to ~1e-13.
            assertRelativelyClose(parameters(ridge), reference, 1e-9);
            assertThat(ridge.statistics()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(longs = {1, 2, 3, 4, 5})
        void ols_agrees_with_commons_math_on_seeded_random_problems(long seed) {
            Dataset data = GradientDescentTest.randomProblem(300, 6, seed);
            double[][] x = new double[300][];
            for (int i = 0; i < 300; i++) {
                x[i] = data.row(i);
            }
            OLSMultipleLinearRegression commons = new OLSMultipleLinearRegression();
            commons.newSampleData(data.target(), x);

            LinearSolution ours = LeastSquares.defaults().solve(data);

            // Both are backward-stable QR solves of a problem with condition ~10: agreement to ~1e-13 expected.
            assertRelativelyClose(parameters(ours), commons.estimateRegressionParameters(), 1e-10);
            InferenceStatistics statistics = ours.statistics().orElseThrow();
            double[] standardErrors = commons.estimateRegressionParametersStandardErrors();
            assertThat(statistics.intercept().orElseThrow().standardError())
                    .isCloseTo(standardErrors[0], within(1e-10 * standardErrors[0]));
            for (int j = 0; j < 6; j++) {
                assertThat(statistics.coefficients().get(j).standardError())
                        .isCloseTo(standardErrors[j + 1], within(1e-10 * standardErrors[j + 1]));
            }
            assertThat(statistics.r2()).isCloseTo(commons.calculateRSquared(), within(1e-12));
            assertThat(statistics.adjustedR2()).isCloseTo(commons.calculateAdjustedRSquared(), within(1e-12));
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.0, 0.5, 1.96, 4.2, -3.3, 12.0})
        void p_values_agree_with_commons_math_student_t(double t) {
            for (int dof : new int[] {1, 3, 10, 343, 100_000}) {
                double expected = 2 * new TDistribution(dof).cumulativeProbability(-Math.abs(t));

                assertThat(StudentT.twoSidedPValue(t, dof))
                        .as("t=%s, dof=%d", t, dof)
                        .isCloseTo(expected, within(1e-12 + 1e-9 * expected));
            }
        }

        @Test
        void double_and_extended_precision_agree_on_a_well_conditioned_problem() {
            Dataset diabetes = SampleData.diabetes();

            LinearSolution fast = LeastSquares.builder().precision(Precision.DOUBLE).build().solve(diabetes);
            LinearSolution exact = LeastSquares.builder().precision(Precision.EXTENDED).build().solve(diabetes);

            assertThat(fast.diagnostics().precision()).isEqualTo(Precision.DOUBLE);
            assertThat(exact.diagnostics().precision()).isEqualTo(Precision.EXTENDED);
            // Condition ~50 in the scaled design: the double answer keeps about 13-14 digits.
            assertRelativelyClose(parameters(fast), parameters(exact), 1e-11);
        }
    }

    @Nested
    class Invariants {

        @Test
        void permuting_rows_does_not_change_the_fit() {
            Dataset data = GradientDescentTest.randomProblem(200, 4, 21);
            int[] order = new int[200];
            for (int i = 0; i < 200; i++) {
                order[i] = (i * 37) % 200; // 37 is coprime with 200: a permutation
            }

            LinearSolution original = LeastSquares.defaults().solve(data);
            LinearSolution permuted = LeastSquares.defaults().solve(data.rows(order));

            assertRelativelyClose(parameters(permuted), parameters(original), 1e-12);
        }

        @Test
        void scaling_a_column_scales_its_coefficient_and_leaves_predictions_unchanged() {
            Dataset data = GradientDescentTest.randomProblem(200, 4, 22);
            double factor = 1e6;
            double[][] x = new double[200][];
            for (int i = 0; i < 200; i++) {
                x[i] = data.row(i);
                x[i][2] *= factor;
            }
            Dataset scaled = Dataset.of(data.featureNames(), x, "y", data.target());

            LinearSolution original = LeastSquares.defaults().solve(data);
            LinearSolution rescaled = LeastSquares.defaults().solve(scaled);

            assertThat(rescaled.coefficients()[2] * factor)
                    .isCloseTo(original.coefficients()[2], within(1e-12 * Math.abs(original.coefficients()[2])));
            for (int i = 0; i < 200; i++) {
                assertThat(predict(rescaled, x[i])).isCloseTo(predict(original, data.row(i)),
                        within(1e-10 * Math.abs(predict(original, data.row(i)))));
            }
        }

        @Test
        void columns_near_overflow_are_fitted_without_overflow() {
            Dataset diabetes = SampleData.diabetes();
            double[][] x = new double[diabetes.rowCount()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = diabetes.row(i);
                x[i][2] *= 1e300; // bmi ~ 3e301: its square overflows a double
            }
            Dataset huge = Dataset.of(diabetes.featureNames(), x, "progression", diabetes.target());

            for (Precision precision : Precision.values()) {
                LinearSolution fit = LeastSquares.builder().precision(precision).build().solve(huge);
                LinearSolution plain = LeastSquares.builder().precision(precision).build().solve(diabetes);

                assertThat(fit.coefficients()[2] * 1e300).as(precision.name())
                        .isCloseTo(plain.coefficients()[2], within(1e-11 * Math.abs(plain.coefficients()[2])));
                assertThat(fit.intercept()).isCloseTo(plain.intercept(), within(1e-10 * Math.abs(plain.intercept())));
            }
        }

        @Test
        void integer_weights_equal_repeating_rows() {
            Dataset data = GradientDescentTest.randomProblem(60, 3, 23);
            double[] weights = new double[60];
            List<Integer> repeated = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                weights[i] = i % 3; // 0, 1 or 2 copies
                for (int c = 0; c < weights[i]; c++) {
                    repeated.add(i);
                }
            }

            LinearSolution weighted = LeastSquares.defaults().solve(data, weights);
            LinearSolution duplicated = LeastSquares.defaults()
                    .solve(data.rows(repeated.stream().mapToInt(Integer::intValue).toArray()));

            assertRelativelyClose(parameters(weighted), parameters(duplicated), 1e-12);
        }

        @Test
        void a_constant_target_fits_zero_coefficients_and_the_constant() {
            Dataset data = GradientDescentTest.randomProblem(50, 3, 24);
            double[] constant = new double[50];
            java.util.Arrays.fill(constant, 7.5);
            double[][] x = new double[50][];
            for (int i = 0; i < 50; i++) {
                x[i] = data.row(i);
            }

            LinearSolution fit = LeastSquares.defaults()
                    .solve(Dataset.of(data.featureNames(), x, "y", constant));

            assertThat(fit.intercept()).isCloseTo(7.5, within(1e-13));
            assertThat(fit.coefficients()).containsOnly(0.0);
            InferenceStatistics statistics = fit.statistics().orElseThrow();
            assertThat(statistics.residualStandardDeviation()).isZero();
            assertThat(statistics.r2()).isEqualTo(1.0); // SST = 0 and SSE = 0: defined as a perfect fit
        }

        @Test
        void exactly_as_many_rows_as_parameters_interpolates_without_statistics() {
            Dataset data = Dataset.of(List.of("x"), new double[][] {{1}, {2}}, "y", new double[] {3, 5});

            LinearSolution fit = LeastSquares.defaults().solve(data);

            assertThat(fit.intercept()).isCloseTo(1.0, within(1e-14));
            assertThat(fit.coefficient("x")).isCloseTo(2.0, within(1e-14));
            assertThat(fit.statistics()).as("zero residual degrees of freedom").isEmpty();
        }
    }

    @Nested
    class RankDeficiency {

        private final Dataset duplicated = LeastSquaresTest.withExtraColumn(SampleData.diabetes(), "bmi_copy", 2);
        private final LinearSolution fullRank = LeastSquares.defaults().solve(SampleData.diabetes());

        @Test
        void minimum_norm_splits_a_duplicated_coefficient_evenly_and_predicts_the_same() {
            LinearSolution fit = LeastSquares.builder().rankPolicy(RankPolicy.MINIMUM_NORM).build()
                    .solve(duplicated);

            assertThat(fit.coefficient("bmi")).isCloseTo(fit.coefficient("bmi_copy"), within(1e-9));
            assertThat(fit.coefficient("bmi") * 2).isCloseTo(fullRank.coefficient("bmi"), within(1e-8));
            assertThat(fit.diagnostics().rank()).hasValue(11);
            assertThat(fit.diagnostics().notes()).anyMatch(note -> note.contains("minimum-norm"));
            assertThat(fit.statistics()).isEmpty();
        }

        @Test
        void the_default_falls_back_to_gradient_descent_and_says_so_on_the_result() {
            LinearSolution fit = LeastSquares.builder()
                    .fallback(GradientDescent.builder().momentum(GradientDescent.Momentum.NESTEROV)
                            .gradientTolerance(1e-12).maxIterations(100_000).build())
                    .build()
                    .solve(duplicated);

            assertThat(fit.diagnostics().method()).startsWith("gradient descent");
            assertThat(fit.diagnostics().converged()).isTrue();
            assertThat(fit.diagnostics().notes()).singleElement().asString()
                    .contains("rank 11 < 12 parameters").contains("bmi, bmi_copy").contains("gradient descent");
            double[] row = SampleData.diabetes().row(0);
            double[] extended = java.util.Arrays.copyOf(row, 11);
            extended[10] = row[2];
            assertThat(predict(fit, extended))
                    .isCloseTo(predict(fullRank, row), within(1e-8 * Math.abs(predict(fullRank, row))));
        }

        @Test
        void a_fallback_for_another_model_is_rejected_at_build() {
            assertThatThrownBy(() -> LeastSquares.builder().ridge(1.0)
                    .fallback(GradientDescent.builder().build()).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must fit the same model");
        }
    }

    @Nested
    class BadInput {

        @Test
        void weights_are_validated_naming_the_index() {
            Dataset data = GradientDescentTest.randomProblem(10, 2, 1);
            double[] weights = new double[10];
            java.util.Arrays.fill(weights, 1);
            weights[4] = Double.NaN;

            assertThatThrownBy(() -> LeastSquares.defaults().solve(data, weights))
                    .hasMessageContaining("sampleWeights[4] is NaN; weights must be finite and >= 0");
            assertThatThrownBy(() -> LeastSquares.defaults().solve(data, new double[3]))
                    .hasMessageContaining("sampleWeights has 3 values but the data has 10 rows");
            assertThatThrownBy(() -> LeastSquares.defaults().solve(data, new double[10]))
                    .hasMessageContaining("sampleWeights are all zero");
        }

        @Test
        void data_a_solver_cannot_use_never_reaches_it() {
            // The solver takes a Dataset, whose construction already rejects these, naming the place.
            assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[][] {{1}, {Double.NaN}}, "y",
                    new double[] {1, 2}))
                    .hasMessageContaining("row 1, column 'a': NaN is not a finite number");
            assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[][] {{1}, {2}}, "y",
                    new double[] {1, Double.NEGATIVE_INFINITY}))
                    .hasMessageContaining("row 1, target 'y': -Infinity is not a finite number");
            assertThatThrownBy(() -> Dataset.of(List.of(), new double[][] {{}}, "y", new double[] {1}))
                    .hasMessageContaining("needs at least one feature column but has none");
            assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[0][], "y", new double[0]))
                    .hasMessageContaining("needs at least one row but has none");
            assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[][] {{1}, {2}}, "y", new double[] {1}))
                    .hasMessageContaining("features has 2 rows but target has 1 values");
        }

        @Test
        void options_are_validated_in_the_option_method() {
            assertThatThrownBy(() -> LeastSquares.builder().ridge(-0.5))
                    .hasMessageContaining("ridge lambda must be finite and >= 0 but was -0.5");
            assertThatThrownBy(() -> LeastSquares.builder().ridge(Double.POSITIVE_INFINITY))
                    .hasMessageContaining("but was Infinity");
            assertThatThrownBy(() -> LeastSquares.builder().maxDirectParameters(0))
                    .hasMessageContaining("maxDirectParameters must be >= 1 but was 0");
        }

        @Test
        void too_many_parameters_for_the_direct_solver_is_a_policy_decision() {
            Dataset data = GradientDescentTest.randomProblem(100, 5, 1);

            assertThatThrownBy(() -> LeastSquares.builder().maxDirectParameters(4).rankPolicy(RankPolicy.FAIL)
                    .build().solve(data))
                    .isInstanceOf(SolverException.class)
                    .isNotInstanceOf(RankDeficientException.class)
                    .hasMessageContaining("6 parameters exceed the direct solver's limit of 4");
            LinearSolution fallback = LeastSquares.builder().maxDirectParameters(4).build().solve(data);
            assertThat(fallback.diagnostics().method()).startsWith("gradient descent");
        }
    }

    private static double predict(LinearSolution s, double[] row) {
        double sum = s.intercept();
        for (int j = 0; j < row.length; j++) {
            sum += s.coefficients()[j] * row[j];
        }
        return sum;
    }

    static Random random(long seed) {
        return new Random(seed);
    }
}
