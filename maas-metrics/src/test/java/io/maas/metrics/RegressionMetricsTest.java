package io.maas.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegressionMetricsTest {

    /** scikit-learn 1.2.1 values, copied into src/test/resources/reference/metrics.json from the project's reference results (see NOTICE). */
    @Nested
    class AgainstScikitLearn {

        // 1e-12 relative: both sides sum fewer than 100 products of short decimals, so both are within a few
        // ulps (~1e-15) of the exact value; 1e-12 leaves room for summation order and nothing else.
        private static final double RELATIVE = 1e-10; // percent, i.e. 1e-12 relative

        private final JsonNode regression = Reference.metrics().get("regression");
        private final double[] actual = Reference.doubles(regression.get("y_true"));
        private final double[] predicted = Reference.doubles(regression.get("y_pred"));

        @Test
        void mse_rmse_mae_r2_match_reference() {
            assertThat(RegressionMetrics.meanSquaredError(actual, predicted))
                    .isCloseTo(regression.get("mse").asDouble(), withinPercentage(RELATIVE));
            assertThat(RegressionMetrics.rootMeanSquaredError(actual, predicted))
                    .isCloseTo(regression.get("rmse").asDouble(), withinPercentage(RELATIVE));
            assertThat(RegressionMetrics.meanAbsoluteError(actual, predicted))
                    .isCloseTo(regression.get("mae").asDouble(), withinPercentage(RELATIVE));
            assertThat(RegressionMetrics.r2(actual, predicted))
                    .isCloseTo(regression.get("r2").asDouble(), withinPercentage(RELATIVE));
        }

        @Test
        void score_agrees_with_the_single_metrics() {
            RegressionScores scores = RegressionMetrics.score(actual, predicted);

            assertThat(scores.count()).isEqualTo(actual.length);
            assertThat(scores.mse()).isEqualTo(RegressionMetrics.meanSquaredError(actual, predicted));
            assertThat(scores.rmse()).isEqualTo(RegressionMetrics.rootMeanSquaredError(actual, predicted));
            assertThat(scores.mae()).isEqualTo(RegressionMetrics.meanAbsoluteError(actual, predicted));
            assertThat(scores.r2()).isEqualTo(RegressionMetrics.r2(actual, predicted));
            assertThat(scores.explainedVariance()).isEqualTo(RegressionMetrics.explainedVariance(actual, predicted));
            assertThat(scores.maxError()).isEqualTo(RegressionMetrics.maxError(actual, predicted));
        }
    }

    @Nested
    class ClosedForm {

        @Test
        void exact_predictions_score_zero_error_and_r2_of_one() {
            double[] y = {1, 2, 3};

            RegressionScores scores = RegressionMetrics.score(y, y.clone());

            assertThat(scores.mse()).isZero();
            assertThat(scores.mae()).isZero();
            assertThat(scores.r2()).isEqualTo(1.0);
        }

        @Test
        void hand_computed_values() {
            double[] actual = {3, -0.5, 2, 7};
            double[] predicted = {2.5, 0.0, 2, 8};
            // errors 0.5, -0.5, 0, -1: SSE = 1.5; mean(actual) = 2.875, SST = 29.1875

            assertThat(RegressionMetrics.meanSquaredError(actual, predicted)).isEqualTo(0.375);
            assertThat(RegressionMetrics.meanAbsoluteError(actual, predicted)).isEqualTo(0.5);
            assertThat(RegressionMetrics.r2(actual, predicted)).isEqualTo(1 - 1.5 / 29.1875);
        }

        @Test
        void predicting_the_mean_scores_r2_of_zero_and_worse_is_negative() {
            double[] actual = {1, 2, 3};

            assertThat(RegressionMetrics.r2(actual, new double[] {2, 2, 2})).isEqualTo(0.0);
            assertThat(RegressionMetrics.r2(actual, new double[] {3, 2, 1})).isEqualTo(-3.0);
        }

        @Test
        void r2_of_a_constant_target_follows_scikit_learn() {
            double[] constant = {5, 5, 5};

            assertThat(RegressionMetrics.r2(constant, new double[] {5, 5, 5})).isEqualTo(1.0);
            assertThat(RegressionMetrics.r2(constant, new double[] {5, 5, 6})).isEqualTo(0.0);
        }

        @Test
        void one_pair_is_enough() {
            RegressionScores scores = RegressionMetrics.score(new double[] {2}, new double[] {4});

            assertThat(scores.mse()).isEqualTo(4.0);
            assertThat(scores.rmse()).isEqualTo(2.0);
            assertThat(scores.r2()).isEqualTo(0.0);
        }

        @Test
        void compensated_sums_keep_digits_a_plain_loop_loses() {
            // 1e8 followed by many tiny errors: a plain running sum drops each 1e-8 against 1e8.
            int n = 1_000_001;
            double[] actual = new double[n];
            double[] predicted = new double[n];
            actual[0] = 1e4; // squared error 1e8
            for (int i = 1; i < n; i++) {
                actual[i] = 1e-4; // squared error 1e-8
            }

            double mse = RegressionMetrics.meanSquaredError(actual, predicted);

            assertThat(mse).isCloseTo((1e8 + 1e6 * 1e-8) / n, withinPercentage(1e-12));
        }

        @Test
        void inputs_are_not_modified() {
            double[] actual = {1, 2, 3};
            double[] predicted = {1.5, 2.5, 2};

            RegressionMetrics.score(actual, predicted);

            assertThat(actual).containsExactly(1, 2, 3);
            assertThat(predicted).containsExactly(1.5, 2.5, 2);
        }
    }

    @Nested
    class MoreScores {

        @Test
        void explained_variance_ignores_a_constant_bias_that_r2_penalises() {
            double[] actual = {1, 2, 3, 4};
            double[] predicted = {2, 3, 4, 5};

            assertThat(RegressionMetrics.explainedVariance(actual, predicted)).isEqualTo(1.0);
            // SSE = 4, SST = 5
            assertThat(RegressionMetrics.r2(actual, predicted)).isEqualTo(1 - 4.0 / 5.0);
        }

        @Test
        void explained_variance_of_a_constant_target_follows_scikit_learn() {
            double[] constant = {5, 5, 5};

            assertThat(RegressionMetrics.explainedVariance(constant, new double[] {4, 4, 4})).isEqualTo(1.0);
            assertThat(RegressionMetrics.explainedVariance(constant, new double[] {5, 5, 6})).isEqualTo(0.0);
        }

        @Test
        void a_constant_target_is_decided_on_the_values_not_on_a_rounded_sum_of_squares() {
            // The computed mean of three 0.1s is 0.10000000000000002, so a computed SST is about 1e-34, not 0;
            // scikit-learn then divides by it (R² near -1e31). The constant rule applies instead.
            double[] constant = {0.1, 0.1, 0.1};

            assertThat(RegressionMetrics.r2(constant, new double[] {0.1, 0.1, 0.2})).isEqualTo(0.0);
            assertThat(RegressionMetrics.r2(constant, constant.clone())).isEqualTo(1.0);
        }

        @Test
        void max_error_is_the_largest_absolute_error() {
            assertThat(RegressionMetrics.maxError(new double[] {3, 2, 7, 1}, new double[] {9, 2, 7, 1}))
                    .isEqualTo(6.0);
            assertThat(RegressionMetrics.maxError(new double[] {1}, new double[] {1})).isZero();
        }

        @Test
        void median_absolute_error_takes_the_middle_or_the_mean_of_the_two_middles() {
            // scikit-learn's docstring example: 0.5
            assertThat(RegressionMetrics.medianAbsoluteError(new double[] {3, -0.5, 2, 7},
                    new double[] {2.5, 0.0, 2, 8})).isEqualTo(0.5);
            assertThat(RegressionMetrics.medianAbsoluteError(new double[] {0, 0, 0}, new double[] {1, -3, 2}))
                    .isEqualTo(2.0);
            assertThat(RegressionMetrics.medianAbsoluteError(new double[] {0, 0, 0, 0}, new double[] {1, 2, 3, 4}))
                    .isEqualTo(2.5);
        }

        @Test
        void median_of_two_huge_errors_does_not_overflow() {
            double big = Double.MAX_VALUE / 2;

            assertThat(RegressionMetrics.medianAbsoluteError(new double[] {0, 0}, new double[] {big, big * 1.5}))
                    .isEqualTo(big / 2 + big * 1.5 / 2);
        }

        @Test
        void results_are_invariant_under_permutation_of_the_pairs() {
            SplittableRandom random = new SplittableRandom(3);
            int n = 1000;
            double[] actual = random.doubles(n, -50, 50).toArray();
            double[] predicted = new double[n];
            for (int i = 0; i < n; i++) {
                predicted[i] = actual[i] + random.nextGaussian() * 5;
            }
            int[] permutation = random.ints(n).toArray();
            Integer[] order = new Integer[n];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Integer.compare(permutation[a], permutation[b]));
            double[] shuffledActual = new double[n];
            double[] shuffledPredicted = new double[n];
            for (int i = 0; i < n; i++) {
                shuffledActual[i] = actual[order[i]];
                shuffledPredicted[i] = predicted[order[i]];
            }

            RegressionScores original = RegressionMetrics.score(actual, predicted);
            RegressionScores shuffled = RegressionMetrics.score(shuffledActual, shuffledPredicted);

            // Compensated sums make the totals correctly rounded or nearly so whatever the order: 1e-14 relative.
            assertThat(shuffled.mse()).isCloseTo(original.mse(), withinPercentage(1e-12));
            assertThat(shuffled.mae()).isCloseTo(original.mae(), withinPercentage(1e-12));
            assertThat(shuffled.r2()).isCloseTo(original.r2(), withinPercentage(1e-12));
            assertThat(shuffled.explainedVariance()).isCloseTo(original.explainedVariance(), withinPercentage(1e-12));
            assertThat(shuffled.maxError()).isEqualTo(original.maxError());
            assertThat(RegressionMetrics.medianAbsoluteError(shuffledActual, shuffledPredicted))
                    .isEqualTo(RegressionMetrics.medianAbsoluteError(actual, predicted));
        }
    }

    @Nested
    class Weights {

        private final double[] actual = {1, 2, 3};
        private final double[] predicted = {1, 2, 5};
        private final double[] weights = {1, 1, 2};

        @Test
        void hand_computed_weighted_scores() {
            // errors 0, 0, -2; Σw = 4; weighted mean of actual 9/4, SST = 1.25² + 0.25² + 2·0.75² = 2.75;
            // weighted mean error -1, Σw(e - ē)² = 1 + 1 + 2 = 4. Values agree with numpy on sklearn's formulas.
            RegressionScores scores = RegressionMetrics.score(actual, predicted, weights);

            assertThat(scores.mse()).isEqualTo(2.0);
            assertThat(scores.rmse()).isEqualTo(Math.sqrt(2.0));
            assertThat(scores.mae()).isEqualTo(1.0);
            assertThat(scores.r2()).isCloseTo(1 - 8 / 2.75, within(1e-15));
            assertThat(scores.explainedVariance()).isCloseTo(1 - 4 / 2.75, within(1e-15));
            assertThat(scores.maxError()).isEqualTo(2.0);
            assertThat(RegressionMetrics.meanSquaredError(actual, predicted, weights)).isEqualTo(scores.mse());
            assertThat(RegressionMetrics.rootMeanSquaredError(actual, predicted, weights)).isEqualTo(scores.rmse());
            assertThat(RegressionMetrics.meanAbsoluteError(actual, predicted, weights)).isEqualTo(scores.mae());
            assertThat(RegressionMetrics.r2(actual, predicted, weights)).isEqualTo(scores.r2());
            assertThat(RegressionMetrics.explainedVariance(actual, predicted, weights))
                    .isEqualTo(scores.explainedVariance());
        }

        @Test
        void an_integer_weight_is_the_same_as_repeating_the_pair() {
            RegressionScores weighted = RegressionMetrics.score(actual, predicted, weights);
            RegressionScores repeated = RegressionMetrics.score(new double[] {1, 2, 3, 3}, new double[] {1, 2, 5, 5});

            assertThat(weighted.mse()).isCloseTo(repeated.mse(), withinPercentage(1e-12));
            assertThat(weighted.mae()).isCloseTo(repeated.mae(), withinPercentage(1e-12));
            assertThat(weighted.r2()).isCloseTo(repeated.r2(), withinPercentage(1e-12));
            assertThat(weighted.explainedVariance()).isCloseTo(repeated.explainedVariance(), withinPercentage(1e-12));
        }

        @Test
        void a_zero_weight_drops_the_pair_except_from_count_and_max_error() {
            RegressionScores weighted = RegressionMetrics.score(new double[] {1, 2, 3, 100},
                    new double[] {1, 2, 5, 0}, new double[] {1, 1, 2, 0});
            RegressionScores dropped = RegressionMetrics.score(actual, predicted, weights);

            assertThat(weighted.count()).isEqualTo(4);
            assertThat(weighted.maxError()).isEqualTo(100.0);
            assertThat(weighted.mse()).isEqualTo(dropped.mse());
            assertThat(weighted.r2()).isCloseTo(dropped.r2(), within(1e-15));
        }

        @Test
        void weighted_median_is_scikit_learns_lower_weighted_median() {
            // _weighted_percentile(|e|, w, 50): the first sorted error whose cumulative weight reaches half.
            double[] zeros = new double[3];
            assertThat(RegressionMetrics.medianAbsoluteError(zeros, new double[] {0, 0, 2}, new double[] {1, 1, 2}))
                    .isEqualTo(0.0);
            assertThat(RegressionMetrics.medianAbsoluteError(zeros, new double[] {0, 0, 2}, new double[] {1, 1, 3}))
                    .isEqualTo(2.0);
            assertThat(RegressionMetrics.medianAbsoluteError(zeros, new double[] {5, 1, 3}, new double[] {0, 1, 1}))
                    .isEqualTo(1.0);
        }

        @Test
        void weighted_median_with_equal_weights_takes_the_lower_middle_unlike_the_unweighted_median() {
            double[] actual = new double[4];
            double[] predicted = {1, 2, 3, 4};

            assertThat(RegressionMetrics.medianAbsoluteError(actual, predicted, new double[] {1, 1, 1, 1}))
                    .isEqualTo(2.0);
            assertThat(RegressionMetrics.medianAbsoluteError(actual, predicted)).isEqualTo(2.5);
        }

        @Test
        void weights_are_not_modified() {
            RegressionMetrics.score(actual, predicted, weights);
            RegressionMetrics.medianAbsoluteError(actual, predicted, weights);

            assertThat(weights).containsExactly(1, 1, 2);
        }
    }

    @Nested
    class BadInput {

        static Stream<Arguments> nonFinite() {
            return Stream.of(
                    Arguments.of(Double.NaN, "NaN"),
                    Arguments.of(Double.POSITIVE_INFINITY, "Infinity"),
                    Arguments.of(Double.NEGATIVE_INFINITY, "-Infinity"));
        }

        @Test
        void length_mismatch_names_both_lengths() {
            assertThatThrownBy(() -> RegressionMetrics.score(new double[3], new double[2]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("actual has 3 values but predicted has 2");
        }

        @Test
        void empty_input_is_rejected() {
            assertThatThrownBy(() -> RegressionMetrics.meanSquaredError(new double[0], new double[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty");
        }

        @ParameterizedTest
        @MethodSource("nonFinite")
        void non_finite_value_names_array_and_index(double bad, String text) {
            double[] predicted = {1, 2, bad};

            assertThatThrownBy(() -> RegressionMetrics.r2(new double[] {1, 2, 3}, predicted))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("predicted[2] is " + text);
            assertThatThrownBy(() -> RegressionMetrics.meanAbsoluteError(predicted, new double[] {1, 2, 3}))
                    .hasMessageContaining("actual[2] is " + text);
        }

        static Stream<Arguments> badWeights() {
            return Stream.of(
                    Arguments.of(new double[] {1, -1, 1}, "weights[1] is -1.0; weights must be finite and >= 0"),
                    Arguments.of(new double[] {1, Double.NaN, 1}, "weights[1] is NaN"),
                    Arguments.of(new double[] {Double.POSITIVE_INFINITY, 1, 1}, "weights[0] is Infinity"),
                    Arguments.of(new double[] {0, 0, 0}, "weights are all 0"),
                    Arguments.of(new double[] {1, 1}, "weights has 2 values but actual has 3"),
                    Arguments.of(new double[0], "weights has 0 values but actual has 3"));
        }

        @ParameterizedTest
        @MethodSource("badWeights")
        void bad_weights_are_rejected_with_the_reason(double[] weights, String message) {
            double[] three = {1, 2, 3};

            assertThatThrownBy(() -> RegressionMetrics.score(three, three, weights))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message);
            assertThatThrownBy(() -> RegressionMetrics.medianAbsoluteError(three, three, weights))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message);
        }

        @Test
        void every_function_rejects_empty_and_mismatched_input() {
            double[] empty = new double[0];
            double[] one = {1};
            double[] two = {1, 2};

            for (BiConsumer<double[], double[]> metric : List.<BiConsumer<double[], double[]>>of(
                    RegressionMetrics::meanSquaredError, RegressionMetrics::rootMeanSquaredError,
                    RegressionMetrics::meanAbsoluteError, RegressionMetrics::r2, RegressionMetrics::explainedVariance,
                    RegressionMetrics::maxError, RegressionMetrics::medianAbsoluteError, RegressionMetrics::score)) {
                assertThatThrownBy(() -> metric.accept(empty, empty)).hasMessageContaining("empty");
                assertThatThrownBy(() -> metric.accept(one, two))
                        .hasMessageContaining("actual has 1 values but predicted has 2");
                assertThatThrownBy(() -> metric.accept(null, one)).isInstanceOf(NullPointerException.class)
                        .hasMessage("actual");
            }
        }

        @Test
        void squares_that_overflow_raise_arithmetic_exception_not_infinity() {
            double[] huge = {1e200, -1e200};

            assertThatThrownBy(() -> RegressionMetrics.meanSquaredError(huge, new double[2]))
                    .isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("the sum of squared errors overflows double arithmetic");
            assertThatThrownBy(() -> RegressionMetrics.score(huge, new double[2]))
                    .isInstanceOf(ArithmeticException.class);
        }
    }
}
