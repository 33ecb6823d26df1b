package io.maas.metrics;

/**
 * The weighted mean and sum of squared deviations of a stream of values, mergeable: West's update for one value,
 * the parallel formula of Chan, Golub and LeVeque for a chunk or another stream. Both avoid the cancellation of
 * Σx² - W·mean². Only values of positive weight count, as in scikit-learn's weighted averages.
 *
 * <p>The smallest and largest values are kept so that a constant stream has a sum of squares of exactly 0: its
 * computed mean can sit an ulp away from the constant (0.1 + 0.1 + 0.1 != 0.3), which would otherwise leave a
 * residue of about 1e-34 and turn scikit-learn's "constant target" rule into a division by nearly zero.
 * Mutable, one per computation, never shared.
 */
final class Moments {

    private double weight;
    private double mean;
    private double squares;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value, double w) {
        if (w == 0.0) {
            return;
        }
        double total = weight + w;
        double delta = value - mean;
        // w / total, not delta * w / total: for the first value it is exactly 1, so the mean is exactly the value.
        mean += delta * (w / total);
        squares += w * delta * (value - mean);
        weight = total;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Merges a chunk summarised by its weight, mean, sum of squared deviations and range. */
    void merge(double otherWeight, double otherMean, double otherSquares, double otherMin, double otherMax) {
        if (otherWeight == 0.0) {
            return;
        }
        double total = weight + otherWeight;
        double delta = otherMean - mean;
        double share = otherWeight / total;
        mean += delta * share;
        squares += otherSquares + delta * delta * weight * share;
        weight = total;
        min = Math.min(min, otherMin);
        max = Math.max(max, otherMax);
    }

    void merge(Moments other) {
        merge(other.weight, other.mean, other.squares, other.min, other.max);
    }

    double weight() {
        return weight;
    }

    /** Σ w·(x - mean)², exactly 0 for a constant stream. */
    double sumOfSquares() {
        return min == max ? 0.0 : Math.max(squares, 0.0);
    }
}
