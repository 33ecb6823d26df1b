package io.maas.monitor;

import java.util.Locale;

/**
 * The quality of a regression model over its rolling feedback window: mean squared and mean absolute error of the
 * predictions against the actual values, as {@link io.maas.metrics.RegressionMetrics} computes them. An immutable
 * value.
 *
 * @param received the feedback pairs received since start, &ge; {@code pairs}
 * @param capacity the most pairs the window holds, &ge; 1
 * @param pairs    the pairs in the window, in [0, capacity]
 * @param mse      the mean squared error over the window, in squared units of the target, &ge; 0 (0 if no pairs)
 * @param mae      the mean absolute error over the window, in units of the target, &ge; 0 (0 if no pairs)
 */
public record RegressionQuality(long received, int capacity, int pairs, double mse, double mae) implements Quality {

    /**
     * Checks the counts and the metrics.
     *
     * @param received the pairs received since start
     * @param capacity the window's capacity
     * @param pairs    the pairs in the window
     * @param mse      the mean squared error
     * @param mae      the mean absolute error
     * @throws IllegalArgumentException if the counts are inconsistent, or a metric is negative, not finite, or not 0
     *                                  for an empty window
     */
    public RegressionQuality {
        FeedbackWindow.requireCounts(received, capacity, pairs);
        if (!(mse >= 0.0 && mae >= 0.0) || !Double.isFinite(mse) || !Double.isFinite(mae)
                || pairs == 0 && (mse != 0.0 || mae != 0.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "mse and mae must be finite and >= 0 (0 for an empty window) but were %s and %s with %d pairs",
                    mse, mae, pairs));
        }
    }

    /**
     * Returns the quality as text for a log, such as {@code last 1000 of 1200 feedback pairs (window 10000):
     * mse=2900.1 mae=43.2}.
     *
     * @return a one-line summary
     */
    @Override
    public String toString() {
        return FeedbackWindow.describe(received, capacity, pairs)
                + (pairs == 0 ? "" : String.format(Locale.ROOT, ": mse=%.6g mae=%.6g", mse, mae));
    }
}
