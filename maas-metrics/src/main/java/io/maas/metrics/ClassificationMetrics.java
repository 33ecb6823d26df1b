package io.maas.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * Classification quality metrics over paired arrays of integer labels, or of labels and scores, with the
 * definitions and degenerate-case conventions of scikit-learn 1.2.1.
 *
 * <p>Paired arrays must have the same, non-zero length; scores must be finite and probabilities in [0, 1].
 * Otherwise every method throws {@link IllegalArgumentException} naming both lengths or the first bad index, before
 * computing anything. Ratios with a zero denominator are 0, scikit-learn's {@code zero_division=0} (and
 * {@code "warn"}) default: precision when nothing is predicted positive, recall when nothing is actually positive,
 * F1 when both are 0.
 *
 * <p>The methods taking a {@code positiveLabel} are binary metrics: like scikit-learn's {@code average="binary"}
 * they accept at most two distinct labels and, if there are two, require the positive label to be one of them. For
 * more labels use an {@link Average} or a {@link ConfusionMatrix}, whose per-label metrics are one-vs-rest.
 *
 * <p>All methods are pure functions and safe to call from any thread; the arrays are never modified.
 */
public final class ClassificationMetrics {

    /**
     * The clip applied by {@link #logLoss}: probabilities are clipped to [ε, 1 - ε] with ε = 2⁻⁵² ≈ 2.22e-16, the
     * machine epsilon of double, which is scikit-learn 1.2.1's {@code eps="auto"} for float64.
     */
    public static final double LOG_LOSS_EPSILON = Math.ulp(1.0);

    private ClassificationMetrics() {
    }

    /**
     * Counts the pairs of actual and predicted labels; see {@link ConfusionMatrix#of}.
     *
     * @param actual    the observed labels, n &gt; 0
     * @param predicted the predicted labels, same length as {@code actual}
     * @return the confusion matrix, rows actual and columns predicted, labels ascending
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold more than
     *                                  {@value ConfusionMatrix#MAX_LABELS} distinct labels
     */
    public static ConfusionMatrix confusionMatrix(int[] actual, int[] predicted) {
        return ConfusionMatrix.of(actual, predicted);
    }

    /**
     * Returns the fraction of predictions equal to the actual label.
     *
     * @param actual    the observed labels, n &gt; 0
     * @param predicted the predicted labels, same length as {@code actual}
     * @return the accuracy in [0, 1]
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static double accuracy(int[] actual, int[] predicted) {
        requireLabelPairs(actual, predicted);
        long right = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == predicted[i]) {
                right++;
            }
        }
        return (double) right / actual.length;
    }

    /**
     * Returns the precision for one positive label, TP / (TP + FP), or 0 if nothing is predicted positive.
     *
     * @param actual        the observed labels, n &gt; 0, at most two distinct labels with {@code predicted}
     * @param predicted     the predicted labels, same length as {@code actual}
     * @param positiveLabel the label counted as positive
     * @return the precision in [0, 1]
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold more than two distinct
     *                                  labels, or hold two that do not include {@code positiveLabel}
     */
    public static double precision(int[] actual, int[] predicted, int positiveLabel) {
        return binaryOutcomes(actual, predicted, positiveLabel).precision();
    }

    /**
     * Returns the recall for one positive label, TP / (TP + FN), or 0 if nothing is actually positive.
     *
     * @param actual        the observed labels, n &gt; 0, at most two distinct labels with {@code predicted}
     * @param predicted     the predicted labels, same length as {@code actual}
     * @param positiveLabel the label counted as positive
     * @return the recall in [0, 1]
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold more than two distinct
     *                                  labels, or hold two that do not include {@code positiveLabel}
     */
    public static double recall(int[] actual, int[] predicted, int positiveLabel) {
        return binaryOutcomes(actual, predicted, positiveLabel).recall();
    }

    /**
     * Returns the F1 score for one positive label, 2·P·R / (P + R), or 0 if precision and recall are both 0.
     *
     * @param actual        the observed labels, n &gt; 0, at most two distinct labels with {@code predicted}
     * @param predicted     the predicted labels, same length as {@code actual}
     * @param positiveLabel the label counted as positive
     * @return F1 in [0, 1]
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold more than two distinct
     *                                  labels, or hold two that do not include {@code positiveLabel}
     */
    public static double f1(int[] actual, int[] predicted, int positiveLabel) {
        return binaryOutcomes(actual, predicted, positiveLabel).f1();
    }

    /**
     * Returns the precision averaged over every label present in either array.
     *
     * @param actual    the observed labels, n &gt; 0
     * @param predicted the predicted labels, same length as {@code actual}
     * @param average   how per-label precisions combine
     * @return the averaged precision in [0, 1]
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold too many labels
     */
    public static double precision(int[] actual, int[] predicted, Average average) {
        return ConfusionMatrix.of(actual, predicted).precision(average);
    }

    /**
     * Returns the recall averaged over every label present in either array.
     *
     * @param actual    the observed labels, n &gt; 0
     * @param predicted the predicted labels, same length as {@code actual}
     * @param average   how per-label recalls combine
     * @return the averaged recall in [0, 1]
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold too many labels
     */
    public static double recall(int[] actual, int[] predicted, Average average) {
        return ConfusionMatrix.of(actual, predicted).recall(average);
    }

    /**
     * Returns F1 averaged over every label present in either array; see {@link ConfusionMatrix#f1(Average)}.
     *
     * @param actual    the observed labels, n &gt; 0
     * @param predicted the predicted labels, same length as {@code actual}
     * @param average   how per-label F1 scores combine
     * @return the averaged F1 in [0, 1]
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold too many labels
     */
    public static double f1(int[] actual, int[] predicted, Average average) {
        return ConfusionMatrix.of(actual, predicted).f1(average);
    }

    /**
     * Returns the area under the ROC curve of scores for a binary problem: the probability that a random positive
     * scores higher than a random negative, ties counting one half.
     *
     * <p>This is scikit-learn's trapezoidal area over distinct thresholds, computed exactly as the Mann-Whitney
     * statistic U / (P·N) with U counted in halves as an integer; the only rounding is the final division. Sorting
     * makes it O(n log n).
     *
     * @param actual        the observed labels, n &gt; 0: {@code positiveLabel} and one other label, both present
     * @param scores        a score per pair, higher meaning more likely positive, all finite
     * @param positiveLabel the label counted as positive
     * @return the ROC AUC in [0, 1]
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a score is not finite, only one
     *                                  class is present in {@code actual}, or it holds more than two labels
     */
    public static double rocAuc(int[] actual, double[] scores, int positiveLabel) {
        Inputs.requirePairs(actual, actual == null ? 0 : actual.length, "actual",
                scores, scores == null ? 0 : scores.length, "scores");
        Inputs.requireFinite(scores, "scores");
        requireBinaryActual(actual, positiveLabel, "ROC AUC");
        int positives = 0;
        for (int label : actual) {
            positives += label == positiveLabel ? 1 : 0;
        }
        if (positives == 0 || positives == actual.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "only one class is present in actual (all %d labels are %s); ROC AUC is undefined",
                    actual.length, positives == 0 ? "negative" : "positive"));
        }
        double[] positive = new double[positives];
        double[] negative = new double[actual.length - positives];
        for (int i = 0, p = 0, q = 0; i < actual.length; i++) {
            if (actual[i] == positiveLabel) {
                positive[p++] = scores[i];
            } else {
                negative[q++] = scores[i];
            }
        }
        Arrays.sort(positive);
        Arrays.sort(negative);
        // For each negative, count the positives above it (2 each) and tied with it (1 each): twice U, exactly.
        long twiceU = 0;
        int below = 0;
        int atOrBelow = 0;
        for (double s : negative) {
            while (below < positive.length && positive[below] < s) {
                below++;
            }
            atOrBelow = Math.max(atOrBelow, below);
            while (atOrBelow < positive.length && positive[atOrBelow] <= s) {
                atOrBelow++;
            }
            twiceU += 2L * (positive.length - atOrBelow) + (atOrBelow - below);
        }
        return twiceU / (2.0 * positive.length * negative.length);
    }

    /**
     * Returns the mean binary log loss (cross-entropy), {@code -(1/n) Σ ln p̂(actual[i])}, in nats, where p̂ is the
     * probability given to the actual class.
     *
     * <p>Each probability q of the positive class is first clipped to [ε, 1 - ε] with ε =
     * {@link #LOG_LOSS_EPSILON} = 2⁻⁵², then the pair (1 - q, q) is divided by its sum, exactly as scikit-learn
     * 1.2.1's {@code log_loss} with {@code eps="auto"} does for float64 input. So a confident wrong answer costs at
     * most -ln ε = 52·ln 2 ≈ 36.04 per pair instead of infinity. Unlike scikit-learn, which needs both classes in
     * {@code actual} unless told the labels, one class is fine here: the positive label is given.
     *
     * @param actual        the observed labels, n &gt; 0, {@code positiveLabel} and at most one other label
     * @param probabilities the predicted probability of {@code positiveLabel} per pair, each in [0, 1]
     * @param positiveLabel the label whose probability is given
     * @return the mean log loss, &ge; 0 and at most about 36.04
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a probability is outside
     *                                  [0, 1] or NaN, or {@code actual} holds more than two labels, or two that do
     *                                  not include {@code positiveLabel}
     */
    public static double logLoss(int[] actual, double[] probabilities, int positiveLabel) {
        Inputs.requirePairs(actual, actual == null ? 0 : actual.length, "actual",
                probabilities, probabilities == null ? 0 : probabilities.length, "probabilities");
        Inputs.requireProbabilities(probabilities);
        requireBinaryActual(actual, positiveLabel, "log loss");
        CompensatedSum loss = new CompensatedSum();
        for (int i = 0; i < actual.length; i++) {
            double q = Math.min(Math.max(probabilities[i], LOG_LOSS_EPSILON), 1.0 - LOG_LOSS_EPSILON);
            double negative = 1.0 - q;
            double sum = negative + q;
            loss.add(-Math.log((actual[i] == positiveLabel ? q : negative) / sum));
        }
        return loss.value() / actual.length;
    }

    private static BinaryOutcomes binaryOutcomes(int[] actual, int[] predicted, int positiveLabel) {
        requireLabelPairs(actual, predicted);
        int[] labels = ConfusionMatrix.distinctLabels(actual, predicted);
        requireBinaryLabels(labels, positiveLabel, "actual and predicted", "a binary metric");
        long truePositives = 0;
        long falsePositives = 0;
        long falseNegatives = 0;
        for (int i = 0; i < actual.length; i++) {
            boolean actuallyPositive = actual[i] == positiveLabel;
            boolean predictedPositive = predicted[i] == positiveLabel;
            if (actuallyPositive && predictedPositive) {
                truePositives++;
            } else if (predictedPositive) {
                falsePositives++;
            } else if (actuallyPositive) {
                falseNegatives++;
            }
        }
        return new BinaryOutcomes(truePositives, falsePositives, falseNegatives);
    }

    private static void requireBinaryActual(int[] actual, int positiveLabel, String metric) {
        requireBinaryLabels(ConfusionMatrix.distinctLabels(actual, new int[0]), positiveLabel, "actual", metric);
    }

    private static void requireBinaryLabels(int[] labels, int positiveLabel, String where, String metric) {
        if (labels.length > 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %d distinct labels %s, but %s takes at most two (use an Average for multi-class)",
                    where, labels.length, abbreviated(labels), metric));
        }
        if (labels.length == 2 && labels[0] != positiveLabel && labels[1] != positiveLabel) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "positiveLabel %d is not one of the labels %s in %s", positiveLabel, Arrays.toString(labels),
                    where));
        }
    }

    private static String abbreviated(int[] labels) {
        return labels.length <= 10 ? Arrays.toString(labels)
                : Arrays.toString(Arrays.copyOf(labels, 10)).replace("]", ", ...]");
    }

    private static void requireLabelPairs(int[] actual, int[] predicted) {
        Inputs.requirePairs(actual, actual == null ? 0 : actual.length, "actual",
                predicted, predicted == null ? 0 : predicted.length, "predicted");
    }
}
