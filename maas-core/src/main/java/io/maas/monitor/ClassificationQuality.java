package io.maas.monitor;

import java.util.Locale;

/**
 * The quality of a binary classifier over its rolling feedback window: accuracy, and the precision and recall of
 * label 1, as {@link io.maas.metrics.ClassificationMetrics} computes them (precision is 0 when nothing was predicted
 * 1, recall 0 when nothing was actually 1, as in scikit-learn). An immutable value.
 *
 * @param received  the feedback pairs received since start, &ge; {@code pairs}
 * @param capacity  the most pairs the window holds, &ge; 1
 * @param pairs     the pairs in the window, in [0, capacity]
 * @param accuracy  the fraction of right labels, in [0, 1] (0 if no pairs)
 * @param precision TP / (TP + FP) for label 1, in [0, 1] (0 if no pairs)
 * @param recall    TP / (TP + FN) for label 1, in [0, 1] (0 if no pairs)
 */
public record ClassificationQuality(long received, int capacity, int pairs, double accuracy, double precision,
                                    double recall) implements Quality {

    /**
     * Checks the counts and the metrics.
     *
     * @param received  the pairs received since start
     * @param capacity  the window's capacity
     * @param pairs     the pairs in the window
     * @param accuracy  the accuracy
     * @param precision the precision of label 1
     * @param recall    the recall of label 1
     * @throws IllegalArgumentException if the counts are inconsistent, or a metric is outside [0, 1] or not 0 for an
     *                                  empty window
     */
    public ClassificationQuality {
        FeedbackWindow.requireCounts(received, capacity, pairs);
        if (!isFraction(accuracy) || !isFraction(precision) || !isFraction(recall)
                || pairs == 0 && (accuracy != 0.0 || precision != 0.0 || recall != 0.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "accuracy, precision and recall must be in [0, 1] (0 for an empty window) but were %s, %s and"
                            + " %s with %d pairs", accuracy, precision, recall, pairs));
        }
    }

    /**
     * Returns the quality as text for a log, such as {@code last 1000 of 1200 feedback pairs (window 10000):
     * accuracy=0.9560 precision=0.9610 recall=0.9730}.
     *
     * @return a one-line summary
     */
    @Override
    public String toString() {
        return FeedbackWindow.describe(received, capacity, pairs) + (pairs == 0 ? "" : String.format(Locale.ROOT,
                ": accuracy=%.4f precision=%.4f recall=%.4f", accuracy, precision, recall));
    }

    private static boolean isFraction(double value) {
        return value >= 0.0 && value <= 1.0;
    }
}
