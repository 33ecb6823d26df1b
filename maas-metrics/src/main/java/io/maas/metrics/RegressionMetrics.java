package io.maas.metrics;

/**
 * Regression quality metrics over paired arrays of actual and predicted values, optionally weighted, with the
 * definitions and degenerate-case conventions of scikit-learn 1.2.1.
 *
 * <p>Both arrays must have the same, non-zero length and hold only finite values; otherwise every method throws
 * {@link IllegalArgumentException} naming both lengths or the first bad index, before computing anything. Sample
 * weights, where accepted, are one per pair, finite and &ge; 0, and not all 0; a weighted mean is
 * {@code Σ w·x / Σ w}. (scikit-learn also accepts negative weights; they have no meaning as sample weights and are
 * rejected here.) The arrays are read, never modified. Sums are compensated (Neumaier), so the results agree with
 * exact arithmetic to a few units in the last place for any length, independent of the order of summation used by
 * other libraries. No method returns NaN or an infinity: inputs so large that their squares overflow raise
 * {@link ArithmeticException}.
 *
 * <p>All methods are pure functions and safe to call from any thread. To score a stream or a data set too large to
 * hold, use a {@link RegressionAccumulator}.
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
        Inputs.requireFinitePairs(actual, predicted);
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < actual.length; i++) {
            double e = actual[i] - predicted[i];
            sum.add(e * e);
        }
        return Inputs.requireFiniteResult(sum.value(), "the sum of squared errors") / actual.length;
    }

    /**
     * Returns the weighted mean squared error, {@code Σ w[i]·(actual[i] - predicted[i])² / Σ w[i]}.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @param weights   one sample weight per pair, finite, &ge; 0, not all 0
     * @return the weighted mean squared error, &ge; 0
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold a non-finite value or a bad
     *                                  weight
     */
    public static double meanSquaredError(double[] actual, double[] predicted, double[] weights) {
        return score(actual, predicted, weights).mse();
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
     * Returns the weighted root mean squared error, the square root of the weighted mean squared error.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @param weights   one sample weight per pair, finite, &ge; 0, not all 0
     * @return the weighted root mean squared error, &ge; 0
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold a non-finite value or a bad
     *                                  weight
     */
    public static double rootMeanSquaredError(double[] actual, double[] predicted, double[] weights) {
        return score(actual, predicted, weights).rmse();
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
        Inputs.requireFinitePairs(actual, predicted);
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < actual.length; i++) {
            sum.add(Math.abs(actual[i] - predicted[i]));
        }
        return Inputs.requireFiniteResult(sum.value(), "the sum of absolute errors") / actual.length;
    }

    /**
     * Returns the weighted mean absolute error, {@code Σ w[i]·|actual[i] - predicted[i]| / Σ w[i]}.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @param weights   one sample weight per pair, finite, &ge; 0, not all 0
     * @return the weighted mean absolute error, &ge; 0
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold a non-finite value or a bad
     *                                  weight
     */
    public static double meanAbsoluteError(double[] actual, double[] predicted, double[] weights) {
        return score(actual, predicted, weights).mae();
    }

    /**
     * Returns the coefficient of determination R² = 1 - SSE / SST, where SST is the sum of squares of
     * {@code actual} about its mean.
     *
     * <p>When {@code actual} is constant (SST = 0) R² is undefined; as scikit-learn's {@code r2_score} does by
     * default ({@code force_finite=True}), this returns 1.0 if the predictions are exact (SSE = 0) and 0.0
     * otherwise. "Constant" is decided on the values themselves, not on a computed SST that rounding can leave a
     * few ulps above 0. One pair is a constant target: scikit-learn returns NaN with a warning for fewer than two
     * samples; this method applies the constant rule instead. R² is negative when the predictions are worse than
     * the mean of {@code actual}.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return R², at most 1
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a non-finite value
     */
    public static double r2(double[] actual, double[] predicted) {
        return score(actual, predicted).r2();
    }

    /**
     * Returns the weighted coefficient of determination, {@code 1 - Σ w·(actual - predicted)² / Σ w·(actual -
     * mean_w)²}, with the same rule for constant targets as {@link #r2(double[], double[])} (constancy among the
     * pairs of positive weight).
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @param weights   one sample weight per pair, finite, &ge; 0, not all 0
     * @return the weighted R², at most 1
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold a non-finite value or a bad
     *                                  weight
     */
    public static double r2(double[] actual, double[] predicted, double[] weights) {
        return score(actual, predicted, weights).r2();
    }

    /**
     * Returns the explained variance score, {@code 1 - Var(actual - predicted) / Var(actual)}.
     *
     * <p>Unlike R², it ignores a constant bias: predictions off by the same amount everywhere score 1. With
     * constant {@code actual} values it follows scikit-learn's {@code force_finite=True}: 1.0 if the errors are
     * constant (their variance is 0), else 0.0.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return the explained variance score, at most 1
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a non-finite value
     */
    public static double explainedVariance(double[] actual, double[] predicted) {
        return score(actual, predicted).explainedVariance();
    }

    /**
     * Returns the weighted explained variance score, with weighted means and variances.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @param weights   one sample weight per pair, finite, &ge; 0, not all 0
     * @return the weighted explained variance score, at most 1
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold a non-finite value or a bad
     *                                  weight
     */
    public static double explainedVariance(double[] actual, double[] predicted, double[] weights) {
        return score(actual, predicted, weights).explainedVariance();
    }

    /**
     * Returns the largest absolute error, {@code max |actual[i] - predicted[i]|}, in units of the target. Like
     * scikit-learn's {@code max_error} it has no weighted form.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return the maximum absolute error, &ge; 0
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a non-finite value
     */
    public static double maxError(double[] actual, double[] predicted) {
        Inputs.requireFinitePairs(actual, predicted);
        double max = 0.0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - predicted[i]));
        }
        return Inputs.requireFiniteResult(max, "the maximum error");
    }

    /**
     * Returns the median of the absolute errors, the middle one for odd n and the mean of the two middle ones for
     * even n (numpy's median, as scikit-learn's {@code median_absolute_error}). It sorts a copy: O(n log n) time
     * and n doubles of memory.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return the median absolute error, &ge; 0
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a non-finite value
     */
    public static double medianAbsoluteError(double[] actual, double[] predicted) {
        return Medians.median(absoluteErrors(actual, predicted));
    }

    /**
     * Returns the weighted median of the absolute errors as scikit-learn 1.2.1 defines it
     * ({@code _weighted_percentile} at 50): the smallest absolute error whose cumulative weight, in ascending
     * order of error, reaches half of the total weight. This is a lower median: with weights all 1 and an even
     * count it returns the lower of the two middle errors, where the unweighted form returns their mean.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @param weights   one sample weight per pair, finite, &ge; 0, not all 0
     * @return the weighted median absolute error, &ge; 0
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold a non-finite value or a bad
     *                                  weight
     */
    public static double medianAbsoluteError(double[] actual, double[] predicted, double[] weights) {
        double[] errors = absoluteErrors(actual, predicted);
        Inputs.requireWeights(weights, actual.length);
        return Medians.weightedLowerMedian(errors, weights);
    }

    /**
     * Returns MSE, RMSE, MAE, R², explained variance and the maximum error in one call, validating the input once.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return the scores, with the number of pairs scored
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a non-finite value
     */
    public static RegressionScores score(double[] actual, double[] predicted) {
        Inputs.requireFinitePairs(actual, predicted);
        return new RegressionAccumulator().addChunk(actual, predicted, null).scores();
    }

    /**
     * Returns the weighted scores in one call; see the weighted forms of the single metrics. The maximum error
     * ranges over every pair, whatever its weight.
     *
     * @param actual    the observed target values, n &gt; 0, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @param weights   one sample weight per pair, finite, &ge; 0, not all 0
     * @return the weighted scores, with the number of pairs scored
     * @throws IllegalArgumentException if the arrays are empty, differ in length, hold a non-finite value or a bad
     *                                  weight
     */
    public static RegressionScores score(double[] actual, double[] predicted, double[] weights) {
        Inputs.requireFinitePairs(actual, predicted);
        Inputs.requireWeights(weights, actual.length);
        return new RegressionAccumulator().addChunk(actual, predicted, weights).scores();
    }

    private static double[] absoluteErrors(double[] actual, double[] predicted) {
        Inputs.requireFinitePairs(actual, predicted);
        double[] errors = new double[actual.length];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Inputs.requireFiniteResult(Math.abs(actual[i] - predicted[i]), "an absolute error");
        }
        return errors;
    }
}
