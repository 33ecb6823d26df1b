package io.maas.metrics;

/**
 * A running sum with Neumaier's compensation: the rounding error of every addition is carried in a second term, so
 * the total is accurate to about one unit in the last place regardless of n, where a plain loop loses up to
 * n·ε relative. Mutable, one per computation, never shared.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double value) {
        double t = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation += (sum - t) + value;
        } else {
            compensation += (value - t) + sum;
        }
        sum = t;
    }

    /** Adds another sum, keeping its compensation: merging two halves loses nothing a single pass would keep. */
    void add(CompensatedSum other) {
        add(other.sum);
        compensation += other.compensation;
    }

    double value() {
        return sum + compensation;
    }
}
