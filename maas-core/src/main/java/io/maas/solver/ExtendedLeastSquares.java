package io.maas.solver;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * Least squares in extended precision, for designs whose condition makes the double-precision QR answer untrustworthy.
 *
 * <p>Method. The weighted Gram matrix G = Σ w_i a_i a_iᵀ and the vector c = Σ w_i a_i y_i, with a_i = (1, x_i) when an
 * intercept is fitted, are formed from the data (each feature exactly its double value plus, when a pipeline stage
 * evaluated it in double-double precision, its low-order part), and the normal equations (G + ridge·I′)θ = c are
 * solved by an LDLᵀ factorisation carried out with 60 significant digits. Small problems (at most
 * {@value #EXACT_GRAM_TERMS} products) sum G exactly in {@link BigDecimal}: the result is then the least-squares
 * solution of the given data to far more than double precision, rounded to double. Larger problems sum G with
 * {@link Dot2} (about 32 significant digits: products split exactly by FMA, sums compensated) after scaling each column
 * by a power of two; the normal equations square the condition number, so the solution keeps about
 * 32 − 2·log10(κ_s) digits, κ_s the condition number of the column-scaled design: 15 or more whenever κ_s &lt; 1e8.
 *
 * <p>Cost: O(n·k²) exact or compensated operations for G (the compensated ones about 10 times a plain double Gram)
 * and O(k³) 60-digit operations for the factorisation and the diagonal of G⁻¹ used by the standard errors, so it is
 * meant for k up to a few hundred.
 */
final class ExtendedLeastSquares {

    /** Problems with at most this many Gram products (n·k(k+1)/2) sum G exactly in BigDecimal. */
    static final long EXACT_GRAM_TERMS = 250_000;

    /** 60 significant digits: far beyond the ~32 digits of G, so the factorisation adds no error of its own. */
    private static final MathContext DIGITS = new MathContext(60);

    private ExtendedLeastSquares() {
    }

    /**
     * The extended-precision solution.
     *
     * @param high                 θ rounded to double, intercept first when fitted
     * @param low                  θ − high rounded to double: (high, low) is θ to about 32 digits
     * @param inverseGramDiagonal  diag((G + ridge·I′)⁻¹), rounded to double
     */
    record Solution(double[] high, double[] low, double[] inverseGramDiagonal) {
    }

    static Solution solve(Problem problem) {
        int k = problem.parameters();
        long terms = (long) problem.rows() * k * (k + 1) / 2;
        Gram gram = terms <= EXACT_GRAM_TERMS ? exactGram(problem) : compensatedGram(problem);
        Solution scaled = factorAndSolve(gram.g(), gram.c(), problem);
        // Undo the scaling exactly: θ_a = θ'_a·s_a/t and diag(G⁻¹)_a = s_a²·diag(G'⁻¹)_a.
        double[] scale = gram.scale();
        double[] high = scaled.high().clone();
        double[] low = scaled.low().clone();
        double[] inverse = scaled.inverseGramDiagonal().clone();
        for (int a = 0; a < k; a++) {
            high[a] = high[a] * scale[a] / gram.yScale();
            low[a] = low[a] * scale[a] / gram.yScale();
            inverse[a] = inverse[a] * scale[a] * scale[a];
        }
        return new Solution(high, low, inverse);
    }

    /**
     * The normal equations G θ = c of a (possibly scaled) problem: θ_a = θ'_a·scale_a / yScale.
     */
    private record Gram(BigDecimal[][] g, BigDecimal[] c, double[] scale, double yScale) {
    }

    /**
     * Small problems: G and c summed exactly in BigDecimal from the exact values of the data (high + low parts), so
     * the only error left is the 60-digit factorisation's. Below {@value #EXACT_GRAM_TERMS} products this costs at most
     * tens of milliseconds.
     */
    private static Gram exactGram(Problem problem) {
        int n = problem.rows();
        int k = problem.parameters();
        int offset = problem.hasIntercept() ? 1 : 0;
        BigDecimal[][] g = new BigDecimal[k][k];
        BigDecimal[] c = new BigDecimal[k];
        for (int a = 0; a < k; a++) {
            java.util.Arrays.fill(g[a], BigDecimal.ZERO);
        }
        java.util.Arrays.fill(c, BigDecimal.ZERO);
        double[] row = new double[k];
        double[] rowLow = new double[k];
        BigDecimal[] x = new BigDecimal[k];
        BigDecimal[] wx = new BigDecimal[k];
        for (int i = 0; i < n; i++) {
            if (offset == 1) {
                row[0] = 1.0;
            }
            problem.data().copyRow(i, row, offset);
            problem.copyLowRow(i, rowLow, offset);
            BigDecimal w = new BigDecimal(problem.weight(i));
            for (int a = 0; a < k; a++) {
                x[a] = new BigDecimal(row[a]).add(new BigDecimal(rowLow[a]));
                wx[a] = w.multiply(x[a]);
            }
            BigDecimal y = new BigDecimal(problem.y()[i]);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b <= a; b++) {
                    g[a][b] = g[a][b].add(wx[a].multiply(x[b]));
                }
                c[a] = c[a].add(wx[a].multiply(y));
            }
        }
        addRidgeAndSymmetrise(g, problem, offset, ones(k));
        double[] scale = ones(k);
        return new Gram(g, c, scale, 1.0);
    }

    /** Large problems: Dot2-compensated sums (about 32 digits) of power-of-two-scaled columns. */
    private static Gram compensatedGram(Problem problem) {
        int n = problem.rows();
        int k = problem.parameters();
        int offset = problem.hasIntercept() ? 1 : 0;
        Dot2[][] gram = new Dot2[k][];
        Dot2[] rhs = new Dot2[k];
        for (int a = 0; a < k; a++) {
            gram[a] = new Dot2[a + 1];
            for (int b = 0; b <= a; b++) {
                gram[a][b] = new Dot2();
            }
            rhs[a] = new Dot2();
        }
        // Each column (and y) is scaled by a power of two that brings its largest magnitude near 1: exact in binary,
        // and it keeps the products of the Gram matrix far from overflow for data near Double.MAX_VALUE.
        double[] scale = columnScales(problem);
        double yScale = powerOfTwoScale(problem.y(), 0, problem.y().length);
        double[] row = new double[k];
        double[] rowLow = new double[k];
        for (int i = 0; i < n; i++) {
            if (offset == 1) {
                row[0] = 1.0;
            }
            problem.data().copyRow(i, row, offset);
            problem.copyLowRow(i, rowLow, offset);
            for (int a = offset; a < k; a++) {
                row[a] *= scale[a];
                rowLow[a] *= scale[a];
            }
            double w = problem.weight(i);
            double y = problem.y()[i] * yScale;
            for (int a = 0; a < k; a++) {
                // w·x_a split exactly into high + low, so the triple product keeps every digit.
                double wx = w * row[a];
                double wxError = Math.fma(w, row[a], -wx) + w * rowLow[a];
                for (int b = 0; b <= a; b++) {
                    gram[a][b].addProduct(row[b], wx, wxError);
                    gram[a][b].addProduct(rowLow[b], wx);
                }
                rhs[a].addProduct(y, wx, wxError);
            }
        }
        BigDecimal[][] g = new BigDecimal[k][k];
        BigDecimal[] c = new BigDecimal[k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                g[a][b] = gram[a][b].toBigDecimal();
            }
            c[a] = rhs[a].toBigDecimal();
        }
        addRidgeAndSymmetrise(g, problem, offset, scale);
        return new Gram(g, c, scale, yScale);
    }

    /**
     * Adds the ridge penalty to the feature diagonal and mirrors the lower triangle. λ‖β‖² with β_a = θ'_a·s_a/t:
     * after multiplying the objective by t², the penalty is λ·s_a²·θ'_a².
     */
    private static void addRidgeAndSymmetrise(BigDecimal[][] g, Problem problem, int offset, double[] scale) {
        BigDecimal ridge = new BigDecimal(problem.ridge());
        for (int a = 0; a < g.length; a++) {
            for (int b = 0; b < a; b++) {
                g[b][a] = g[a][b];
            }
            if (a >= offset && problem.ridge() > 0) {
                BigDecimal s = new BigDecimal(scale[a]);
                g[a][a] = g[a][a].add(ridge.multiply(s).multiply(s));
            }
        }
    }

    private static double[] ones(int k) {
        double[] ones = new double[k];
        java.util.Arrays.fill(ones, 1.0);
        return ones;
    }

    private static double[] columnScales(Problem problem) {
        int p = problem.features();
        int offset = problem.hasIntercept() ? 1 : 0;
        double[] largest = new double[p];
        double[] row = new double[p];
        for (int i = 0; i < problem.rows(); i++) {
            problem.data().copyRow(i, row, 0);
            for (int j = 0; j < p; j++) {
                largest[j] = Math.max(largest[j], Math.abs(row[j]));
            }
        }
        double[] scale = new double[p + offset];
        java.util.Arrays.fill(scale, 1.0);
        for (int j = 0; j < p; j++) {
            scale[j + offset] = powerOfTwoScale(largest, j, j + 1);
        }
        return scale;
    }

    /** 2^-e where 2^e is the binade of the largest |values[from..to)| (1 when all are zero). */
    private static double powerOfTwoScale(double[] values, int from, int to) {
        double largest = 0;
        for (int i = from; i < to; i++) {
            largest = Math.max(largest, Math.abs(values[i]));
        }
        return largest == 0 ? 1.0 : Math.scalb(1.0, -Math.getExponent(largest));
    }

    private static Solution factorAndSolve(BigDecimal[][] g, BigDecimal[] c, Problem problem) {
        int k = c.length;
        // LDLᵀ: G = L·D·Lᵀ with unit lower triangular L; no square roots, every step at 60 digits.
        BigDecimal[][] l = new BigDecimal[k][k];
        BigDecimal[] d = new BigDecimal[k];
        for (int j = 0; j < k; j++) {
            BigDecimal dj = g[j][j];
            for (int m = 0; m < j; m++) {
                dj = dj.subtract(l[j][m].multiply(l[j][m], DIGITS).multiply(d[m], DIGITS), DIGITS);
            }
            // A pivot that is not clearly positive means G is singular to working accuracy: G's entries carry about
            // 32 digits, so a pivot below 1e-30 of its diagonal entry is rounding noise.
            if (dj.signum() <= 0 || dj.compareTo(g[j][j].abs().multiply(BigDecimal.valueOf(1, 30))) < 0) {
                throw new RankDeficientException(j, k, List.of(problem.parameterName(j)), String.format(Locale.ROOT,
                        "pivot %d of the extended-precision normal equations is %s; the column is a combination "
                                + "of the ones before it", j, dj.round(new MathContext(3))));
            }
            d[j] = dj;
            l[j][j] = BigDecimal.ONE;
            for (int i = j + 1; i < k; i++) {
                BigDecimal s = g[i][j];
                for (int m = 0; m < j; m++) {
                    s = s.subtract(l[i][m].multiply(l[j][m], DIGITS).multiply(d[m], DIGITS), DIGITS);
                }
                l[i][j] = s.divide(dj, DIGITS);
            }
        }
        // Forward: L z = c; scale: u = D⁻¹ z; back: Lᵀ θ = u.
        BigDecimal[] z = new BigDecimal[k];
        for (int i = 0; i < k; i++) {
            BigDecimal s = c[i];
            for (int m = 0; m < i; m++) {
                s = s.subtract(l[i][m].multiply(z[m], DIGITS), DIGITS);
            }
            z[i] = s;
        }
        BigDecimal[] theta = new BigDecimal[k];
        for (int i = k - 1; i >= 0; i--) {
            BigDecimal s = z[i].divide(d[i], DIGITS);
            for (int m = i + 1; m < k; m++) {
                s = s.subtract(l[m][i].multiply(theta[m], DIGITS), DIGITS);
            }
            theta[i] = s;
        }
        double[] high = new double[k];
        double[] low = new double[k];
        for (int i = 0; i < k; i++) {
            high[i] = theta[i].doubleValue();
            low[i] = theta[i].subtract(new BigDecimal(high[i])).doubleValue();
        }
        return new Solution(high, low, inverseDiagonal(l, d));
    }

    /** diag(G⁻¹) = Σ_m (L⁻¹)_{m,j}² / d_m, from the columns of L⁻¹ (unit lower triangular). */
    private static double[] inverseDiagonal(BigDecimal[][] l, BigDecimal[] d) {
        int k = d.length;
        double[] diagonal = new double[k];
        BigDecimal[] column = new BigDecimal[k];
        for (int j = 0; j < k; j++) {
            // Column j of L⁻¹: solve L·v = e_j; v is zero above j.
            BigDecimal sum = BigDecimal.ONE.divide(d[j], DIGITS);
            column[j] = BigDecimal.ONE;
            for (int i = j + 1; i < k; i++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int m = j; m < i; m++) {
                    s = s.subtract(l[i][m].multiply(column[m], DIGITS), DIGITS);
                }
                column[i] = s;
                sum = sum.add(s.multiply(s, DIGITS).divide(d[i], DIGITS), DIGITS);
            }
            diagonal[j] = sum.doubleValue();
        }
        return diagonal;
    }
}
