package io.maas.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * Scores regression predictions one pair or one chunk at a time, so that a large test set or a live stream is
 * scored without holding it, and merges with other accumulators so that parts scored in parallel combine.
 *
 * <p>The scores are those of {@link RegressionMetrics#score(double[], double[], double[])} over every pair added,
 * in any order and any chunking, up to rounding: sums are compensated (Neumaier) and the variances behind R² and
 * explained variance use West's update for single pairs and the parallel formula of Chan, Golub and LeVeque for
 * chunks and merges, so the result agrees with a single pass over all pairs to about 1e-13 relative or better.
 * A chunk added with {@link #addAll} is computed in two passes, exactly as the array functions do, so an
 * accumulator fed one whole array gives bit-for-bit the scores of {@link RegressionMetrics#score(double[],
 * double[])}. Median absolute error needs every pair at once and is therefore not among the scores; use
 * {@link RegressionMetrics#medianAbsoluteError}.
 *
 * <p>Every pair is validated before it changes anything: a rejected pair or chunk leaves the accumulator as it
 * was. Not thread-safe: use one accumulator per thread and {@link #merge} them.
 */
public final class RegressionAccumulator {

    private long count;
    private final CompensatedSum squaredErrors = new CompensatedSum();
    private final CompensatedSum absoluteErrors = new CompensatedSum();
    private double maxError;
    private final Moments actualMoments = new Moments();
    private final Moments errorMoments = new Moments();

    /** Creates an empty accumulator. */
    public RegressionAccumulator() {
    }

    /**
     * Adds one (actual, predicted) pair with weight 1.
     *
     * @param actual    the observed value, finite
     * @param predicted the prediction, finite
     * @return this accumulator
     * @throws IllegalArgumentException if either value is not finite
     */
    public RegressionAccumulator add(double actual, double predicted) {
        return add(actual, predicted, 1.0);
    }

    /**
     * Adds one (actual, predicted) pair with a sample weight.
     *
     * @param actual    the observed value, finite
     * @param predicted the prediction, finite
     * @param weight    the pair's weight, finite and &ge; 0; a pair of weight 0 counts only in {@code count} and
     *                  in the maximum error
     * @return this accumulator
     * @throws IllegalArgumentException if a value is not finite or the weight is negative or not finite
     */
    public RegressionAccumulator add(double actual, double predicted, double weight) {
        requireFinite(actual, "actual");
        requireFinite(predicted, "predicted");
        if (!(weight >= 0.0 && weight < Double.POSITIVE_INFINITY)) {
            // The name is built only on failure: this is the per-pair hot path.
            Inputs.requireWeight(weight, "weight of pair " + count);
        }
        double error = actual - predicted;
        count++;
        squaredErrors.add(weight * (error * error));
        absoluteErrors.add(weight * Math.abs(error));
        maxError = Math.max(maxError, Math.abs(error));
        actualMoments.add(actual, weight);
        errorMoments.add(error, weight);
        return this;
    }

    /**
     * Adds a chunk of pairs, each with weight 1. An empty chunk changes nothing.
     *
     * @param actual    the observed values, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @return this accumulator
     * @throws IllegalArgumentException if the lengths differ or a value is not finite (naming the index)
     */
    public RegressionAccumulator addAll(double[] actual, double[] predicted) {
        requireChunk(actual, predicted);
        return addChunk(actual, predicted, null);
    }

    /**
     * Adds a chunk of weighted pairs. An empty chunk changes nothing.
     *
     * @param actual    the observed values, all finite
     * @param predicted the predictions, same length as {@code actual}, all finite
     * @param weights   one weight per pair, finite and &ge; 0, not all 0 unless the chunk is empty
     * @return this accumulator
     * @throws IllegalArgumentException if the lengths differ, a value is not finite, or a weight is negative, not
     *                                  finite, or all weights are 0
     */
    public RegressionAccumulator addAll(double[] actual, double[] predicted, double[] weights) {
        requireChunk(actual, predicted);
        Inputs.requireWeights(weights, actual.length);
        return addChunk(actual, predicted, weights);
    }

    /**
     * Adds every pair another accumulator has seen, as if they had been added here; the other is not changed.
     *
     * @param other another accumulator, not this one
     * @return this accumulator
     * @throws IllegalArgumentException if {@code other} is this accumulator
     */
    public RegressionAccumulator merge(RegressionAccumulator other) {
        Objects.requireNonNull(other, "other");
        if (other == this) {
            throw new IllegalArgumentException("an accumulator cannot merge itself; merge a copy of its pairs");
        }
        count += other.count;
        squaredErrors.add(other.squaredErrors);
        absoluteErrors.add(other.absoluteErrors);
        maxError = Math.max(maxError, other.maxError);
        actualMoments.merge(other.actualMoments);
        errorMoments.merge(other.errorMoments);
        return this;
    }

    /**
     * Returns the number of pairs added so far, including pairs of weight 0.
     *
     * @return the number of pairs, &ge; 0
     */
    public long count() {
        return count;
    }

    /**
     * Returns the scores of every pair added so far. The accumulator stays usable; later pairs add to it.
     *
     * @return MSE, RMSE, MAE, R², explained variance and maximum error, with the number of pairs
     * @throws IllegalStateException if no pair, or only pairs of weight 0, have been added
     * @throws ArithmeticException   if a sum overflowed because the values are too large to square
     */
    public RegressionScores scores() {
        if (count == 0) {
            throw new IllegalStateException("no pairs have been added; scores need at least one pair");
        }
        double weight = actualMoments.weight();
        if (weight == 0.0) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "all %d pairs added have weight 0; scores need a positive total weight", count));
        }
        double sse = Inputs.requireFiniteResult(squaredErrors.value(), "the sum of squared errors");
        double sst = Inputs.requireFiniteResult(actualMoments.sumOfSquares(), "the sum of squares of actual");
        double errorSquares = Inputs.requireFiniteResult(errorMoments.sumOfSquares(), "the variance of the errors");
        double mse = sse / weight;
        return new RegressionScores(count, mse, Math.sqrt(mse), absoluteErrors.value() / weight,
                unexplainedFraction(sse, sst), unexplainedFraction(errorSquares, sst),
                Inputs.requireFiniteResult(maxError, "the maximum error"));
    }

    /**
     * 1 - residual / total with scikit-learn's force_finite rule: when the total is 0 (constant actual values) the
     * score is 1 for a zero residual and 0 otherwise, never NaN or -infinity.
     */
    static double unexplainedFraction(double residual, double total) {
        if (residual == 0.0) {
            return 1.0;
        }
        return total == 0.0 ? 0.0 : 1.0 - residual / total;
    }

    /** Adds a chunk that the caller has validated; {@code weights} null means weight 1 for every pair. */
    RegressionAccumulator addChunk(double[] actual, double[] predicted, double[] weights) {
        int n = actual.length;
        if (n == 0) {
            return this;
        }
        // Pass 1: weights, means, error sums and ranges (the ranges of values of positive weight only). Each sum
        // is a local pair (value, Neumaier compensation), kept in registers; see CompensatedSum.roundingError.
        double weight = 0.0, weightC = 0.0;
        double actualSum = 0.0, actualSumC = 0.0;
        double errorSum = 0.0, errorSumC = 0.0;
        double squares = 0.0, squaresC = 0.0;
        double absolutes = 0.0, absolutesC = 0.0;
        double chunkMax = 0.0;
        double minActual = Double.POSITIVE_INFINITY;
        double maxActual = Double.NEGATIVE_INFINITY;
        double minError = Double.POSITIVE_INFINITY;
        double maxErrorValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1.0 : weights[i];
            double a = actual[i];
            double e = a - predicted[i];
            double x = w * (e * e);
            double t = squares + x;
            squaresC += CompensatedSum.roundingError(squares, x, t);
            squares = t;
            x = w * Math.abs(e);
            t = absolutes + x;
            absolutesC += CompensatedSum.roundingError(absolutes, x, t);
            absolutes = t;
            chunkMax = Math.max(chunkMax, Math.abs(e));
            if (w > 0.0) {
                t = weight + w;
                weightC += CompensatedSum.roundingError(weight, w, t);
                weight = t;
                x = w * a;
                t = actualSum + x;
                actualSumC += CompensatedSum.roundingError(actualSum, x, t);
                actualSum = t;
                x = w * e;
                t = errorSum + x;
                errorSumC += CompensatedSum.roundingError(errorSum, x, t);
                errorSum = t;
                minActual = Math.min(minActual, a);
                maxActual = Math.max(maxActual, a);
                minError = Math.min(minError, e);
                maxErrorValue = Math.max(maxErrorValue, e);
            }
        }
        double w = weight + weightC;
        double actualMean = w == 0.0 ? 0.0 : (actualSum + actualSumC) / w;
        double errorMean = w == 0.0 ? 0.0 : (errorSum + errorSumC) / w;
        // Pass 2: squared deviations about the chunk means (two passes: no cancellation).
        double actualSquares = 0.0, actualSquaresC = 0.0;
        double errorSquares = 0.0, errorSquaresC = 0.0;
        for (int i = 0; i < n; i++) {
            double wi = weights == null ? 1.0 : weights[i];
            double da = actual[i] - actualMean;
            double de = (actual[i] - predicted[i]) - errorMean;
            double x = wi * (da * da);
            double t = actualSquares + x;
            actualSquaresC += CompensatedSum.roundingError(actualSquares, x, t);
            actualSquares = t;
            x = wi * (de * de);
            t = errorSquares + x;
            errorSquaresC += CompensatedSum.roundingError(errorSquares, x, t);
            errorSquares = t;
        }
        count += n;
        squaredErrors.add(new CompensatedSum(squares, squaresC));
        absoluteErrors.add(new CompensatedSum(absolutes, absolutesC));
        maxError = Math.max(maxError, chunkMax);
        actualMoments.merge(w, actualMean, actualSquares + actualSquaresC, minActual, maxActual);
        errorMoments.merge(w, errorMean, errorSquares + errorSquaresC, minError, maxErrorValue);
        return this;
    }

    private static void requireChunk(double[] actual, double[] predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "actual has %d values but predicted has %d; they must be pairs", actual.length, predicted.length));
        }
        Inputs.requireFinite(actual, "actual");
        Inputs.requireFinite(predicted, "predicted");
    }

    private void requireFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s of pair %d is %s; metrics need finite values", name, count, value));
        }
    }
}
