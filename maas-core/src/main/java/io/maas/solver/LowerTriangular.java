package io.maas.solver;

/**
 * Small dense kernels on a lower triangular matrix stored as k rows, row i holding its i + 1 entries (the Cholesky
 * factor L of a Gram matrix and its inverse). Loops run along rows so C2 vectorises them.
 */
final class LowerTriangular {

    /** Hager's estimator stops after this many steps (LAPACK's DLACN2 uses 5). */
    private static final int ESTIMATOR_STEPS = 5;

    private LowerTriangular() {
    }

    /**
     * Returns L⁻¹, lower triangular, row by row: row i of L⁻¹ is −(Σ_{t&lt;i} L_it·row t of L⁻¹) / L_ii, plus
     * 1/L_ii on the diagonal. About k³/6 multiply-adds.
     */
    static double[][] inverse(double[][] l) {
        int k = l.length;
        double[][] x = new double[k][];
        for (int i = 0; i < k; i++) {
            double[] row = new double[i + 1];
            double[] li = l[i];
            for (int t = 0; t < i; t++) {
                double a = li[t];
                double[] xt = x[t];
                for (int m = 0; m <= t; m++) {
                    row[m] = Math.fma(a, xt[m], row[m]);
                }
            }
            double pivot = li[i];
            for (int m = 0; m < i; m++) {
                row[m] = -row[m] / pivot;
            }
            row[i] = 1.0 / pivot;
            x[i] = row;
        }
        return x;
    }

    /** Returns X·v for lower triangular X. */
    static double[] times(double[][] x, double[] v) {
        int k = x.length;
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            double[] row = x[i];
            double sum = 0;
            for (int m = 0; m <= i; m++) {
                sum = Math.fma(row[m], v[m], sum);
            }
            out[i] = sum;
        }
        return out;
    }

    /** Returns Xᵀ·v for lower triangular X. */
    static double[] transposeTimes(double[][] x, double[] v) {
        int k = x.length;
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            double a = v[i];
            double[] row = x[i];
            for (int m = 0; m <= i; m++) {
                out[m] = Math.fma(a, row[m], out[m]);
            }
        }
        return out;
    }

    /** Returns (L·Lᵀ)⁻¹·v = Xᵀ(X·v), given X = L⁻¹. */
    static double[] solve(double[][] inverse, double[] v) {
        return transposeTimes(inverse, times(inverse, v));
    }

    /** Returns diag(Xᵀ·X) = diag((L·Lᵀ)⁻¹) given X = L⁻¹: the squared column norms of X. */
    static double[] inverseGramDiagonal(double[][] inverse) {
        int k = inverse.length;
        double[] diagonal = new double[k];
        for (int i = 0; i < k; i++) {
            double[] row = inverse[i];
            for (int m = 0; m <= i; m++) {
                diagonal[m] = Math.fma(row[m], row[m], diagonal[m]);
            }
        }
        return diagonal;
    }

    /** The ∞-norm (largest absolute row sum) of a lower triangular matrix. */
    static double normInf(double[][] lower) {
        double largest = 0;
        for (double[] row : lower) {
            double sum = 0;
            for (double v : row) {
                sum += Math.abs(v);
            }
            largest = Math.max(largest, sum);
        }
        return largest;
    }

    /**
     * Estimates ‖(L·Lᵀ)⁻¹‖₁ from below, given X = L⁻¹, by Hager's method as refined by Higham (FORTRAN codes for
     * estimating the one-norm of a real or complex matrix, ACM TOMS 14(4), 1988; LAPACK's DLACN2): a few products
     * with the symmetric inverse climb to a column of largest norm, and an alternating-sign test vector guards against
     * the rare case the climb misses. In practice within a factor of a few of the true norm, usually exact.
     */
    static double inverseNorm1Estimate(double[][] inverse) {
        int k = inverse.length;
        double[] x = new double[k];
        java.util.Arrays.fill(x, 1.0 / k);
        double estimate = 0;
        int previous = -1;
        for (int step = 0; step < ESTIMATOR_STEPS; step++) {
            double[] y = solve(inverse, x);
            estimate = Math.max(estimate, norm1(y));
            double[] sign = new double[k];
            for (int i = 0; i < k; i++) {
                sign[i] = y[i] >= 0 ? 1.0 : -1.0;
            }
            double[] z = solve(inverse, sign); // the inverse is symmetric: its transpose is itself
            int largest = 0;
            for (int i = 1; i < k; i++) {
                if (Math.abs(z[i]) > Math.abs(z[largest])) {
                    largest = i;
                }
            }
            double zx = 0;
            for (int i = 0; i < k; i++) {
                zx += z[i] * x[i];
            }
            if (largest == previous || Math.abs(z[largest]) <= zx) {
                break;
            }
            java.util.Arrays.fill(x, 0.0);
            x[largest] = 1.0;
            previous = largest;
        }
        double[] alternating = new double[k];
        for (int i = 0; i < k; i++) {
            alternating[i] = (i % 2 == 0 ? 1.0 : -1.0) * (1.0 + (k > 1 ? (double) i / (k - 1) : 0.0));
        }
        return Math.max(estimate, 2.0 * norm1(solve(inverse, alternating)) / (3.0 * k));
    }

    private static double norm1(double[] v) {
        double sum = 0;
        for (double value : v) {
            sum += Math.abs(value);
        }
        return sum;
    }
}
