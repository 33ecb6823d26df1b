package io.maas.solver;

import java.math.BigDecimal;

/**
 * A compensated sum of products, algorithm Dot2 of Ogita, Rump and Oishi ("Accurate sum and dot product", SIAM J.
 * Sci. Comput. 26(6), 2005): every product is split exactly into a double and its rounding error with {@link Math#fma},
 * every addition into a double and its rounding error with Knuth's TwoSum, and the errors are summed aside.
 *
 * <p>The result is as accurate as if computed in twice the working precision (about 32 significant digits) and then
 * kept as an unevaluated pair {@code sum + compensation}: the error is at most about 1e-32·Σ|a·b| for n below a
 * million terms. Mutable; one per quantity, never shared between threads.
 */
final class Dot2 {

    private double sum;
    private double compensation;

    /** Adds a·b. */
    void addProduct(double a, double b) {
        double product = a * b;
        double productError = Math.fma(a, b, -product);
        add(product);
        compensation += productError;
    }

    /** Adds a·(bHigh + bLow), where bHigh + bLow is a double-double number. */
    void addProduct(double a, double bHigh, double bLow) {
        addProduct(a, bHigh);
        addProduct(a, bLow);
    }

    /** Adds a value exactly (its rounding error goes to the compensation). */
    void add(double value) {
        double t = sum + value;
        double z = t - sum;
        compensation += (sum - (t - z)) + (value - z); // TwoSum: the exact error of sum + value
        sum = t;
    }

    /** Adds another accumulator's total. */
    void add(Dot2 other) {
        add(other.sum);
        add(other.compensation);
    }

    /** The total rounded to a double. */
    double value() {
        return sum + compensation;
    }

    /** The total as the exact decimal value of the unevaluated pair sum + compensation. */
    BigDecimal toBigDecimal() {
        return new BigDecimal(sum).add(new BigDecimal(compensation));
    }
}
