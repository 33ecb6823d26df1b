package io.maas.metrics;

/**
 * A running sum with Neumaier's compensation: the rounding error of every addition is carried in a second term, so
 * the total is accurate to about one unit in the last place regardless of n, where a plain loop loses up to
 * n·ε relative. Mutable, one per computation, never shared.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    CompensatedSum() {
    }

    /** A sum already accumulated elsewhere, as a sum and its compensation (see {@link #roundingError}). */
    CompensatedSum(double sum, double compensation) {
        this.sum = sum;
        this.compensation = compensation;
    }

    void add(double value) {
        double t = sum + value;
        compensation += roundingError(sum, value, t);
        sum = t;
    }

    /**
     * The rounding error of {@code total = sum + value}, exactly (Neumaier's step). Loops that keep several sums
     * in local variables use it directly: there the JIT keeps them in registers, which it does not always manage
     * for fields of objects.
     */
    static double roundingError(double sum, double value, double total) {
        return Math.abs(sum) >= Math.abs(value) ? (sum - total) + value : (value - total) + sum;
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
