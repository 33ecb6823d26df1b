package io.maas.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * Regression quality metrics over paired arrays of actual and predicted values.
 *
 * <p>Both arrays must have the same, non-zero length and hold only finite values; otherwise every method throws
 * {@link IllegalArgumentException} naming both lengths or the first bad index, before computing anything. The
 * arrays are read, never modified. Sums are compensated (Neumaier), so the results agree with exact arithmetic to
 * a few units in the last place for any length, independent of the order of summation used by other libraries.
 *
 * <p>All methods are pure functions and safe to call from any thread.
 */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    /**
     * Returns the mean squared error, {@code (1/n) Σ (actual[i] - predicted[i])²}, in squared units of the target.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return the mean squared error, &ge; 0
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a non-finite value
     */
    public static double meanSquaredError(double[] actual, double[] predicted) {
        validate(actual, predicted);
        return sumOfSquaredErrors(actual, predicted) / actual.length;
    }

    /**
     * Returns the root mean squared error, the square root of {@link #meanSquaredError}, in units of the target.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return the root mean squared error, &ge; 0
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a non-finite value
     */
    public static double rootMeanSquaredError(double[] actual, double[] predicted) {
        return Math.sqrt(meanSquaredError(actual, predicted));
    }

    /**
     * Returns the mean absolute error, {@code (1/n) Σ |actual[i] - predicted[i]|}, in units of the target.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return the mean absolute error, &ge; 0
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a non-finite value
     */
    public static double meanAbsoluteError(double[] actual, double[] predicted) {
        validate(actual, predicted);
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < actual.length; i++) {
            sum.add(Math.abs(actual[i] - predicted[i]));
        }
        return sum.value() / actual.length;
    }

    /**
     * Returns the coefficient of determination R² = 1 - SSE / SST, where SST is the sum of squares of
     * {@code actual} about its mean.
     *
     * <p>When {@code actual} is constant (SST = 0) R² is undefined; as scikit-learn's {@code r2_score} does by
     * default, this returns 1.0 if the predictions are exact (SSE = 0) and 0.0 otherwise. R² is negative when the
     * predictions are worse than the mean of {@code actual}.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return R², at most 1
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a non-finite value
     */
    public static double r2(double[] actual, double[] predicted) {
        validate(actual, predicted);
        return r2(actual, sumOfSquaredErrors(actual, predicted));
    }

    /**
     * Returns MSE, RMSE, MAE and R² of the predictions in one call, validating the input once.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return the scores, with the number of pairs scored
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a non-finite value
     */
    public static RegressionScores score(double[] actual, double[] predicted) {
        validate(actual, predicted);
        int n = actual.length;
        double sse = sumOfSquaredErrors(actual, predicted);
        CompensatedSum absolute = new CompensatedSum();
        for (int i = 0; i < n; i++) {
            absolute.add(Math.abs(actual[i] - predicted[i]));
        }
        double mse = sse / n;
        return new RegressionScores(n, mse, Math.sqrt(mse), absolute.value() / n, r2(actual, sse));
    }

    private static double r2(double[] actual, double sse) {
        double sst = sumOfSquaresAboutMean(actual);
        if (sst == 0.0) {
            return sse == 0.0 ? 1.0 : 0.0;
        }
        return 1.0 - sse / sst;
    }

    private static double sumOfSquaredErrors(double[] actual, double[] predicted) {
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < actual.length; i++) {
            double e = actual[i] - predicted[i];
            sum.add(e * e);
        }
        return sum.value();
    }

    private static double sumOfSquaresAboutMean(double[] values) {
        // Two passes: the mean first, then squares of deviations. The one-pass formula Σx² - n·mean² cancels
        // catastrophically when the spread is small against the mean.
        CompensatedSum total = new CompensatedSum();
        for (double v : values) {
            total.add(v);
        }
        double mean = total.value() / values.length;
        CompensatedSum squares = new CompensatedSum();
        for (double v : values) {
            double d = v - mean;
            squares.add(d * d);
        }
        return squares.value();
    }

    static void validate(double[] actual, double[] predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "actual has %d values but predicted has %d; they must be pairs", actual.length, predicted.length));
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("actual and predicted are empty; a metric needs at least one pair");
        }
        requireFinite(actual, "actual");
        requireFinite(predicted, "predicted");
    }

    private static void requireFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s[%d] is %s; metrics need finite values", name, i, values[i]));
            }
        }
    }
}
