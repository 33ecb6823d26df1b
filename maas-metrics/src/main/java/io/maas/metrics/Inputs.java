package io.maas.metrics;

import java.util.Locale;
import java.util.Objects;

/**
 * Validation shared by the metric functions: lengths, emptiness, finiteness, weights and probabilities. Every check
 * runs before any work and names the array, the bad value and what was expected.
 */
final class Inputs {

    private Inputs() {
    }

    /** Requires two non-null arrays of the same, non-zero length; the names are those the caller's docs use. */
    static void requirePairs(Object first, int firstLength, String firstName,
                             Object second, int secondLength, String secondName) {
        Objects.requireNonNull(first, firstName);
        Objects.requireNonNull(second, secondName);
        if (firstLength != secondLength) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s has %d values but %s has %d; they must be pairs",
                    firstName, firstLength, secondName, secondLength));
        }
        if (firstLength == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s and %s are empty; a metric needs at least one pair", firstName, secondName));
        }
    }

    /** Requires actual and predicted values to be pairs of finite numbers. */
    static void requireFinitePairs(double[] actual, double[] predicted) {
        requirePairs(actual, actual == null ? 0 : actual.length, "actual",
                predicted, predicted == null ? 0 : predicted.length, "predicted");
        requireFinite(actual, "actual");
        requireFinite(predicted, "predicted");
    }

    static void requireFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s[%d] is %s; metrics need finite values", name, i, values[i]));
            }
        }
    }

    /** Requires one finite, non-negative weight per pair, with a positive total. */
    static void requireWeights(double[] weights, int pairs) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length != pairs) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "weights has %d values but actual has %d; there must be one weight per pair",
                    weights.length, pairs));
        }
        boolean positive = false;
        for (int i = 0; i < weights.length; i++) {
            requireWeight(weights[i], "weights[" + i + "]");
            positive |= weights[i] > 0.0;
        }
        if (!positive && pairs > 0) {
            throw new IllegalArgumentException("weights are all 0; at least one weight must be > 0");
        }
    }

    static void requireWeight(double weight, String name) {
        if (!(weight >= 0.0) || weight == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s is %s; weights must be finite and >= 0", name, weight));
        }
    }

    /** Requires probabilities in [0, 1]; NaN is rejected too. */
    static void requireProbabilities(double[] probabilities) {
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "probabilities[%d] is %s; probabilities must lie in [0, 1]", i, p));
            }
        }
    }

    /** Throws if a computed result overflowed: the inputs were finite but too large for the arithmetic. */
    static double requireFiniteResult(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new ArithmeticException(String.format(Locale.ROOT,
                    "%s overflows double arithmetic (it came out %s); the values are too large, rescale them",
                    what, value));
        }
        return value;
    }
}
