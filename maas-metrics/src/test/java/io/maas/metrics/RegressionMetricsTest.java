package io.maas.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegressionMetricsTest {

    /** scikit-learn 1.2.1 values, copied from ../shared/reference/metrics.json (see NOTICE). */
    @Nested
    class AgainstScikitLearn {

        // 1e-12 relative: both sides sum fewer than 100 products of short decimals, so both are within a few
        // ulps (~1e-15) of the exact value; 1e-12 leaves room for summation order and nothing else.
        private static final double RELATIVE = 1e-10; // percent, i.e. 1e-12 relative

        private final JsonNode regression = reference().get("regression");
        private final double[] actual = doubles(regression.get("y_true"));
        private final double[] predicted = doubles(regression.get("y_pred"));

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
    }

    static JsonNode reference() {
        try (InputStream in = RegressionMetricsTest.class.getResourceAsStream("/reference/metrics.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource /reference/metrics.json is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
