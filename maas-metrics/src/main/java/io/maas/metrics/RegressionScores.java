package io.maas.metrics;

import java.util.Locale;

/**
 * The regression scores of one set of predictions, as computed by {@link RegressionMetrics#score} or a
 * {@link RegressionAccumulator}.
 *
 * <p>An immutable value. Errors are in units of the target (squared units for MSE); R² and explained variance are
 * dimensionless. With sample weights, the means are weighted means; {@code count} still counts pairs and
 * {@code maxError} still ranges over every pair, as scikit-learn's {@code max_error} takes no weights.
 *
 * @param count             the number of (actual, predicted) pairs scored, &gt; 0
 * @param mse               mean squared error, &ge; 0
 * @param rmse              root mean squared error, &ge; 0
 * @param mae               mean absolute error, &ge; 0
 * @param r2                coefficient of determination, at most 1 (see {@link RegressionMetrics#r2} for constant
 *                          targets)
 * @param explainedVariance explained variance score, at most 1 (see {@link RegressionMetrics#explainedVariance})
 * @param maxError          the largest absolute error, &ge; 0
 */
public record RegressionScores(long count, double mse, double rmse, double mae, double r2,
                               double explainedVariance, double maxError) {

    /**
     * Checks that the scores are a possible outcome of scoring.
     *
     * @param count             the number of pairs scored
     * @param mse               mean squared error
     * @param rmse              root mean squared error
     * @param mae               mean absolute error
     * @param r2                coefficient of determination
     * @param explainedVariance explained variance score
     * @param maxError          the largest absolute error
     * @throws IllegalArgumentException if count is not positive, an error is negative or not finite, or R² or the
     *                                  explained variance is above 1 or not finite
     */
    public RegressionScores {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0 but was " + count);
        }
        requireNonNegative("mse", mse);
        requireNonNegative("rmse", rmse);
        requireNonNegative("mae", mae);
        requireNonNegative("maxError", maxError);
        requireAtMostOne("r2", r2);
        requireAtMostOne("explainedVariance", explainedVariance);
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0 but was " + value);
        }
    }

    private static void requireAtMostOne(String name, double value) {
        if (!(value <= 1.0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and <= 1 but was " + value);
        }
    }

    /**
     * Returns the four headline scores as one line for a log or a report, such as
     * {@code n=88 MSE=2910.2127 RMSE=53.9464 MAE=42.3871 R²=0.5502}. The format is unchanged since the first
     * release (callers parse it); explained variance and the maximum error are read from their accessors.
     *
     * @return a one-line summary with four decimals
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "n=%d MSE=%.4f RMSE=%.4f MAE=%.4f R²=%.4f", count, mse, rmse, mae, r2);
    }
}
