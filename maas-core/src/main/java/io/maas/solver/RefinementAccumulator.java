package io.maas.solver;

import io.maas.data.Dataset;

/**
 * One pass over the rows at fixed parameters θ = (b, β): the residuals r_i = y_i − b − x_iᵀβ, the gradient
 * g = (Σ w_i r_i, Σ w_i r_i x_i) and Σ w_i r_i², all in compensated arithmetic, plus Σ w_i |r_i x_i| for the
 * error bound. This is what one step of iterative refinement of a least-squares solution needs.
 *
 * <p>Why compensated. Near the solution the gradient is a tiny difference of large terms (exactly zero at the
 * optimum), and each residual may be a tiny difference of y and the prediction. Every product is split exactly with
 * {@link Math#fma} and every sum with Knuth's TwoSum, the errors being summed aside (Ogita, Rump and Oishi, Accurate
 * sum and dot product, SIAM J. Sci. Comput. 26(6), 2005): each residual is carried as a double-double and each
 * gradient entry is accurate to about u·|g_j| + (2nu)²·Σ w_i |r_i x_ij|, as if computed in twice the working
 * precision. The gradient loop runs along the features of a row, so C2 vectorises it.
 *
 * <p>Mergeable like {@link GramAccumulator}: separate row ranges accumulate separately and {@link #merge} adds
 * them (compensated), in a fixed order. Mutable and confined to one thread.
 */
final class RefinementAccumulator {

    private final int features;
    private final boolean intercept;
    private final double[] beta;
    private final double b;
    private final double[] row;
    private final double[] gradientHigh;
    private final double[] gradientLow;
    private final double[] absolute;
    private double interceptHigh;
    private double interceptLow;
    private double interceptAbsolute;
    private double sseHigh;
    private double sseLow;

    /**
     * An empty accumulator at θ.
     *
     * @param theta     the parameters, intercept first when fitted; not modified
     * @param intercept whether θ starts with an intercept
     */
    RefinementAccumulator(double[] theta, Intercept intercept) {
        this.intercept = intercept == Intercept.FIT;
        int offset = this.intercept ? 1 : 0;
        this.features = theta.length - offset;
        this.b = this.intercept ? theta[0] : 0.0;
        this.beta = java.util.Arrays.copyOfRange(theta, offset, theta.length);
        this.row = new double[features];
        this.gradientHigh = new double[features];
        this.gradientLow = new double[features];
        this.absolute = new double[features];
    }

    /** Adds rows [from, to) of a dataset. */
    void add(Dataset data, double[] target, double[] weights, int from, int to) {
        for (int i = from; i < to; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w != 0) {
                data.copyRow(i, row, 0);
                addRow(row, 0, target[i], w);
            }
        }
    }

    /**
     * Adds a block of rows given row-major (p = the number of features per row).
     *
     * @param rowMajor at least count·p values; not modified
     * @param target   at least count values
     * @param weights  at least count weights, or null for unit weights
     * @param count    the number of rows
     */
    void add(double[] rowMajor, double[] target, double[] weights, int count) {
        for (int i = 0; i < count; i++) {
            double w = weights == null ? 1.0 : weights[i];
            if (w != 0) {
                addRow(rowMajor, i * features, target[i], w);
            }
        }
    }

    private void addRow(double[] x, int from, double y, double w) {
        // r = y − b − Σ x_j β_j as s + c: TwoSum keeps each addition's error, FMA each product's.
        double s = y;
        double c = 0;
        if (intercept) {
            double t = s - b;
            double z = t - s;
            c += (s - (t - z)) + (-b - z);
            s = t;
        }
        for (int j = 0; j < features; j++) {
            double xj = x[from + j];
            double product = xj * beta[j];
            double productError = Math.fma(xj, beta[j], -product);
            double t = s - product;
            double z = t - s;
            c += ((s - (t - z)) + (-product - z)) - productError;
            s = t;
        }
        double r = s + c;
        double z = r - s;
        double rLow = (s - (r - z)) + (c - z);

        // v = w·r as a double-double, then g += v·(1, x) and sse += v·r, all compensated.
        double v = w * r;
        double vLow = Math.fma(w, r, -v) + w * rLow;
        double t = interceptHigh + v;
        double e = t - interceptHigh;
        interceptLow += ((interceptHigh - (t - e)) + (v - e)) + vLow;
        interceptHigh = t;
        interceptAbsolute += Math.abs(v);

        double square = v * r;
        double squareError = Math.fma(v, r, -square) + v * rLow + vLow * r;
        t = sseHigh + square;
        e = t - sseHigh;
        sseLow += ((sseHigh - (t - e)) + (square - e)) + squareError;
        sseHigh = t;

        for (int j = 0; j < features; j++) {
            double xj = x[from + j];
            double product = xj * v;
            double error = Math.fma(xj, v, -product) + xj * vLow;
            double high = gradientHigh[j];
            double sum = high + product;
            double bent = sum - high;
            gradientLow[j] += ((high - (sum - bent)) + (product - bent)) + error;
            gradientHigh[j] = sum;
            absolute[j] += Math.abs(product);
        }
    }

    /** Adds another accumulator's sums (compensated); the other is not modified. */
    void merge(RefinementAccumulator other) {
        double[] pair = {interceptHigh, interceptLow};
        add(pair, other.interceptHigh, other.interceptLow);
        interceptHigh = pair[0];
        interceptLow = pair[1];
        interceptAbsolute += other.interceptAbsolute;
        pair[0] = sseHigh;
        pair[1] = sseLow;
        add(pair, other.sseHigh, other.sseLow);
        sseHigh = pair[0];
        sseLow = pair[1];
        for (int j = 0; j < features; j++) {
            pair[0] = gradientHigh[j];
            pair[1] = gradientLow[j];
            add(pair, other.gradientHigh[j], other.gradientLow[j]);
            gradientHigh[j] = pair[0];
            gradientLow[j] = pair[1];
            absolute[j] += other.absolute[j];
        }
    }

    private static void add(double[] pair, double high, double low) {
        double t = pair[0] + high;
        double z = t - pair[0];
        pair[1] += ((pair[0] - (t - z)) + (high - z)) + low;
        pair[0] = t;
    }

    /** Σ w_i r_i, rounded once. */
    double interceptGradient() {
        return interceptHigh + interceptLow;
    }

    /** Σ w_i |r_i|: the scale of the terms of {@link #interceptGradient()}. */
    double interceptScale() {
        return interceptAbsolute;
    }

    /** Σ w_i r_i x_ij, rounded once. */
    double gradient(int feature) {
        return gradientHigh[feature] + gradientLow[feature];
    }

    /** Σ w_i |r_i x_ij|: the scale of the terms of {@link #gradient(int)}. */
    double gradientScale(int feature) {
        return absolute[feature];
    }

    /** Σ w_i r_i², rounded once, &ge; 0. */
    double sumOfSquares() {
        return Math.max(0.0, sseHigh + sseLow);
    }
}
