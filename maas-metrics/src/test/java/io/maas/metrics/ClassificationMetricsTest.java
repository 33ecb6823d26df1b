package io.maas.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClassificationMetricsTest {

    @Nested
    class LabelMetrics {

        @Test
        void hand_counted_binary_metrics() {
            int[] actual = {1, 1, 1, 0, 0, 0, 0};
            int[] predicted = {1, 1, 0, 1, 0, 0, 0};
            // TP 2, FP 1, FN 1, TN 3

            assertThat(ClassificationMetrics.accuracy(actual, predicted)).isEqualTo(5.0 / 7);
            assertThat(ClassificationMetrics.precision(actual, predicted, 1)).isEqualTo(2.0 / 3);
            assertThat(ClassificationMetrics.recall(actual, predicted, 1)).isEqualTo(2.0 / 3);
            assertThat(ClassificationMetrics.f1(actual, predicted, 1)).isCloseTo(2.0 / 3, within(1e-15));
            assertThat(ClassificationMetrics.precision(actual, predicted, 0)).isEqualTo(3.0 / 4);
        }

        @Test
        void precision_with_no_predicted_positive_is_zero() {
            int[] actual = {1, 0, 1};
            int[] predicted = {0, 0, 0};

            assertThat(ClassificationMetrics.precision(actual, predicted, 1)).isZero();
            assertThat(ClassificationMetrics.recall(actual, predicted, 1)).isZero();
            assertThat(ClassificationMetrics.f1(actual, predicted, 1)).isZero();
        }

        @Test
        void recall_with_no_actual_positive_is_zero() {
            assertThat(ClassificationMetrics.recall(new int[] {0, 0}, new int[] {1, 0}, 1)).isZero();
            assertThat(ClassificationMetrics.precision(new int[] {0, 0}, new int[] {1, 0}, 1)).isZero();
        }

        @Test
        void a_positive_label_absent_from_a_single_label_input_scores_zero() {
            // scikit-learn allows it when only one label is present (labels = [pos_label]).
            assertThat(ClassificationMetrics.precision(new int[] {0, 0}, new int[] {0, 0}, 1)).isZero();
        }

        @Test
        void binary_metrics_refuse_more_than_two_labels() {
            assertThatThrownBy(() -> ClassificationMetrics.precision(new int[] {0, 1, 2}, new int[] {0, 1, 1}, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("actual and predicted: 3 distinct labels [0, 1, 2]")
                    .hasMessageContaining("use an Average");
        }

        @Test
        void binary_metrics_refuse_a_positive_label_that_is_not_one_of_two() {
            assertThatThrownBy(() -> ClassificationMetrics.f1(new int[] {0, 1}, new int[] {0, 1}, 5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("positiveLabel 5 is not one of the labels [0, 1]");
        }

        @Test
        void averages_include_labels_that_are_only_predicted() {
            int[] actual = {0, 0, 1, 1};
            int[] predicted = {0, 2, 1, 1};
            // label 0: P 1, R 1/2, F 2/3; label 1: P 1, R 1, F 1; label 2 (never actual): P 0, R 0, F 0.

            assertThat(ClassificationMetrics.precision(actual, predicted, Average.MACRO)).isEqualTo(2.0 / 3);
            assertThat(ClassificationMetrics.recall(actual, predicted, Average.MACRO)).isEqualTo(0.5);
            assertThat(ClassificationMetrics.f1(actual, predicted, Average.MACRO))
                    .isCloseTo((2.0 / 3 + 1) / 3, within(1e-15));
            assertThat(ClassificationMetrics.recall(actual, predicted, Average.WEIGHTED)).isEqualTo(0.75);
            assertThat(ClassificationMetrics.precision(actual, predicted, Average.WEIGHTED)).isEqualTo(1.0);
            assertThat(ClassificationMetrics.f1(actual, predicted, Average.MICRO)).isEqualTo(0.75);
        }

        @Test
        void micro_averages_equal_accuracy() {
            int[] actual = {0, 1, 2, 2, 1, 0, 3};
            int[] predicted = {0, 2, 2, 1, 1, 0, 0};

            double accuracy = ClassificationMetrics.accuracy(actual, predicted);
            assertThat(ClassificationMetrics.precision(actual, predicted, Average.MICRO)).isEqualTo(accuracy);
            assertThat(ClassificationMetrics.recall(actual, predicted, Average.MICRO)).isEqualTo(accuracy);
            assertThat(ClassificationMetrics.f1(actual, predicted, Average.MICRO)).isCloseTo(accuracy, within(1e-15));
        }

        @Test
        void one_pair_is_enough() {
            assertThat(ClassificationMetrics.accuracy(new int[] {3}, new int[] {3})).isEqualTo(1.0);
            assertThat(ClassificationMetrics.f1(new int[] {3}, new int[] {4}, Average.MACRO)).isZero();
        }
    }

    @Nested
    class ConfusionMatrixValue {

        private final ConfusionMatrix matrix = ConfusionMatrix.of(new int[] {5, -1, 5, 7}, new int[] {5, 5, 9, 7});

        @Test
        void labels_are_the_sorted_union_and_rows_are_actual() {
            assertThat(matrix.labels()).containsExactly(-1, 5, 7, 9);
            assertThat(matrix.counts()).isDeepEqualTo(new long[][] {
                {0, 1, 0, 0},
                {0, 1, 0, 1},
                {0, 0, 1, 0},
                {0, 0, 0, 0}});
            assertThat(matrix.count(-1, 5)).isEqualTo(1);
            assertThat(matrix.total()).isEqualTo(4);
            assertThat(matrix.support(5)).isEqualTo(2);
            assertThat(matrix.support(9)).isZero();
            assertThat(matrix.accuracy()).isEqualTo(0.5);
        }

        @Test
        void per_label_metrics_are_one_vs_rest() {
            assertThat(matrix.precision(5)).isEqualTo(0.5);
            assertThat(matrix.recall(5)).isEqualTo(0.5);
            assertThat(matrix.f1(5)).isEqualTo(0.5);
            assertThat(matrix.precision(9)).isZero();
        }

        @Test
        void returned_arrays_are_copies() {
            matrix.counts()[0][1] = 99;
            matrix.labels()[0] = 99;

            assertThat(matrix.count(-1, 5)).isEqualTo(1);
            assertThat(matrix.labels()[0]).isEqualTo(-1);
        }

        @Test
        void equal_counts_make_equal_matrices() {
            ConfusionMatrix same = ConfusionMatrix.of(new int[] {5, -1, 5, 7}, new int[] {5, 5, 9, 7});

            assertThat(same).isEqualTo(matrix).hasSameHashCodeAs(matrix);
            assertThat(ConfusionMatrix.of(new int[] {1}, new int[] {1})).isNotEqualTo(matrix);
            assertThat(matrix.toString()).isEqualTo(
                    "labels [-1, 5, 7, 9]: [[0, 1, 0, 0], [0, 1, 0, 1], [0, 0, 1, 0], [0, 0, 0, 0]]"
                            + " (rows actual, columns predicted)");
        }

        @Test
        void unknown_labels_are_named() {
            assertThatThrownBy(() -> matrix.precision(3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("label 3 is not one of the labels [-1, 5, 7, 9]");
        }

        @Test
        void too_many_labels_are_refused_before_allocating() {
            int[] many = new int[ConfusionMatrix.MAX_LABELS + 1];
            Arrays.setAll(many, i -> i);

            assertThatThrownBy(() -> ConfusionMatrix.of(many, many))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1025 distinct labels; a confusion matrix supports at most 1024");
        }
    }

    @Nested
    class RocAuc {

        @Test
        void scikit_learn_docstring_example() {
            assertThat(ClassificationMetrics.rocAuc(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}, 1))
                    .isEqualTo(0.75);
        }

        @Test
        void ties_count_one_half_as_the_trapezoid_over_distinct_thresholds() {
            // Positives 0.5, 0.9, 0.3 against negatives 0.1, 0.5, 0.5: U = 2 + 3 + 1 = 6 of 9 pairs. numpy's
            // trapezoid over sklearn-style distinct thresholds gives 0.6666666666666667 too.
            assertThat(ClassificationMetrics.rocAuc(new int[] {0, 0, 1, 1, 0, 1},
                    new double[] {0.1, 0.5, 0.5, 0.9, 0.5, 0.3}, 1)).isEqualTo(6.0 / 9);
            assertThat(ClassificationMetrics.rocAuc(new int[] {1, 0, 1, 0, 1, 0, 0, 1},
                    new double[] {3, 3, 2, 2, 1, 1, 0, 3}, 1)).isEqualTo(11.0 / 16);
            assertThat(ClassificationMetrics.rocAuc(new int[] {0, 1}, new double[] {0.5, 0.5}, 1)).isEqualTo(0.5);
        }

        @Test
        void perfect_and_reversed_rankings() {
            int[] actual = {0, 0, 1, 1};

            assertThat(ClassificationMetrics.rocAuc(actual, new double[] {1, 2, 3, 4}, 1)).isEqualTo(1.0);
            assertThat(ClassificationMetrics.rocAuc(actual, new double[] {4, 3, 2, 1}, 1)).isEqualTo(0.0);
            assertThat(ClassificationMetrics.rocAuc(actual, new double[] {4, 3, 2, 1}, 0)).isEqualTo(1.0);
        }

        @Test
        void scores_may_be_any_finite_values_and_labels_any_ints() {
            assertThat(ClassificationMetrics.rocAuc(new int[] {-3, 8, -3}, new double[] {-1e300, 0.0, -0.0}, 8))
                    .isEqualTo(0.75);
        }

        @Test
        void one_class_present_is_refused() {
            assertThatThrownBy(() -> ClassificationMetrics.rocAuc(new int[] {1, 1}, new double[] {0.2, 0.3}, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only one class is present in actual");
            assertThatThrownBy(() -> ClassificationMetrics.rocAuc(new int[] {0, 0}, new double[] {0.2, 0.3}, 1))
                    .hasMessageContaining("only one class is present in actual (all 2 labels are negative)");
        }

        @Test
        void more_than_two_labels_are_refused() {
            assertThatThrownBy(() -> ClassificationMetrics.rocAuc(new int[] {0, 1, 2}, new double[3], 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("actual: 3 distinct labels [0, 1, 2], but ROC AUC takes at most two");
        }
    }

    @Nested
    class LogLoss {

        @Test
        void scikit_learn_docstring_example() {
            // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) = 0.21616...
            double expected = -(Math.log(0.9) + Math.log(0.9) + Math.log(0.8) + Math.log(0.65)) / 4;

            assertThat(ClassificationMetrics.logLoss(new int[] {1, 0, 0, 1}, new double[] {0.9, 0.1, 0.2, 0.65}, 1))
                    .isCloseTo(expected, within(1e-15))
                    .isCloseTo(0.21616, within(1e-5));
        }

        @Test
        void certain_wrong_answers_cost_minus_log_epsilon() {
            // Clipped to 2^-52: -ln(2^-52) = 52·ln 2 ≈ 36.0437 per pair, never infinity.
            double perPair = 52 * Math.log(2);

            assertThat(ClassificationMetrics.logLoss(new int[] {1}, new double[] {0.0}, 1))
                    .isCloseTo(perPair, within(1e-13));
            assertThat(ClassificationMetrics.logLoss(new int[] {0}, new double[] {1.0}, 1))
                    .isCloseTo(perPair, within(1e-13));
            assertThat(ClassificationMetrics.LOG_LOSS_EPSILON).isEqualTo(Math.pow(2, -52));
        }

        @Test
        void certain_right_answers_cost_almost_nothing() {
            assertThat(ClassificationMetrics.logLoss(new int[] {1, 0}, new double[] {1.0, 0.0}, 1))
                    .isPositive()
                    .isLessThan(1e-15);
        }

        @Test
        void one_class_is_fine_because_the_positive_label_is_given() {
            assertThat(ClassificationMetrics.logLoss(new int[] {0, 0}, new double[] {0.5, 0.5}, 1))
                    .isCloseTo(Math.log(2), within(1e-15));
        }

        static Stream<Arguments> badProbabilities() {
            return Stream.of(
                    Arguments.of(Double.NaN, "probabilities[1] is NaN"),
                    Arguments.of(1.5, "probabilities[1] is 1.5; probabilities must lie in [0, 1]"),
                    Arguments.of(-0.1, "probabilities[1] is -0.1"),
                    Arguments.of(Double.POSITIVE_INFINITY, "probabilities[1] is Infinity"));
        }

        @ParameterizedTest
        @MethodSource("badProbabilities")
        void probabilities_outside_zero_one_are_refused(double bad, String message) {
            assertThatThrownBy(() -> ClassificationMetrics.logLoss(new int[] {0, 1}, new double[] {0.5, bad}, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message);
        }
    }

    @Nested
    class BadInput {

        @Test
        void lengths_are_named() {
            assertThatThrownBy(() -> ClassificationMetrics.accuracy(new int[3], new int[2]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("actual has 3 values but predicted has 2");
            assertThatThrownBy(() -> ClassificationMetrics.rocAuc(new int[3], new double[4], 1))
                    .hasMessageContaining("actual has 3 values but scores has 4");
            assertThatThrownBy(() -> ClassificationMetrics.logLoss(new int[1], new double[0], 1))
                    .hasMessageContaining("actual has 1 values but probabilities has 0");
        }

        @Test
        void empty_input_is_refused() {
            assertThatThrownBy(() -> ClassificationMetrics.confusionMatrix(new int[0], new int[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("actual and predicted are empty");
            assertThatThrownBy(() -> ClassificationMetrics.f1(new int[0], new int[0], Average.WEIGHTED))
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> ClassificationMetrics.rocAuc(new int[0], new double[0], 1))
                    .hasMessageContaining("actual and scores are empty");
        }

        @ParameterizedTest
        @MethodSource("io.maas.metrics.ClassificationMetricsTest#nonFinite")
        void non_finite_scores_are_named(double bad, String text) {
            assertThatThrownBy(() -> ClassificationMetrics.rocAuc(new int[] {0, 1}, new double[] {0.5, bad}, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("scores[1] is " + text);
        }

        @Test
        void null_arrays_are_named() {
            assertThatThrownBy(() -> ClassificationMetrics.accuracy(null, new int[1]))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("actual");
            assertThatThrownBy(() -> ClassificationMetrics.logLoss(new int[1], null, 1))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("probabilities");
        }
    }

    static Stream<Arguments> nonFinite() {
        return Stream.of(
                Arguments.of(Double.NaN, "NaN"),
                Arguments.of(Double.POSITIVE_INFINITY, "Infinity"),
                Arguments.of(Double.NEGATIVE_INFINITY, "-Infinity"));
    }
}
