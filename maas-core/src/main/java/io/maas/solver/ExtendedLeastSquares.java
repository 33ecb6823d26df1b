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
        Factors factors = factor(gram.g(), problem);
        BigDecimal[] solved = factors.solve(gram.c());
        // Undo the scaling and the shifts exactly, in BigDecimal: β_a = θ'_a·s_a/t for the features, and the
        // intercept of the unshifted columns is θ'_0/t + shift_y − Σ_a β_a·shift_a.
        double[] scale = gram.scale();
        double[] shift = gram.shift();
        BigDecimal yUnscale = new BigDecimal(1.0 / gram.yScale()); // a power of two: exact
        BigDecimal[] theta = new BigDecimal[k];
        for (int a = 0; a < k; a++) {
            theta[a] = solved[a].multiply(new BigDecimal(scale[a])).multiply(yUnscale);
        }
        if (problem.hasIntercept()) {
            BigDecimal intercept = theta[0].add(new BigDecimal(gram.yShift()));
            for (int a = 1; a < k; a++) {
                intercept = intercept.subtract(theta[a].multiply(new BigDecimal(shift[a])));
            }
            theta[0] = intercept;
        }
        double[] high = new double[k];
        double[] low = new double[k];
        for (int a = 0; a < k; a++) {
            high[a] = theta[a].doubleValue();
            low[a] = theta[a].subtract(new BigDecimal(high[a])).doubleValue();
        }
        // diag(G⁻¹) for the features: s_a²·diag(G'⁻¹)_a. The intercept of the unshifted columns is uᵀθ' with
        // u = (1, −shift_1·s_1, ..., −shift_p·s_p), so its entry is uᵀ G'⁻¹ u (u = e_0 when nothing is shifted).
        double[] inverse = factors.inverseDiagonal();
        for (int a = 0; a < k; a++) {
            inverse[a] = inverse[a] * scale[a] * scale[a];
        }
        if (problem.hasIntercept()) {
            BigDecimal[] u = new BigDecimal[k];
            u[0] = BigDecimal.ONE;
            for (int a = 1; a < k; a++) {
                u[a] = new BigDecimal(-shift[a]).multiply(new BigDecimal(scale[a]));
            }
            inverse[0] = factors.quadraticFormOfInverse(u);
        }
        return new Solution(high, low, inverse);
    }

    /**
     * The normal equations G θ' = c of a shifted and scaled problem. Feature column a holds (x_a − shift_a)·scale_a
     * and the target (y − yShift)·yScale, all powers of two and shifts chosen so the data are near unit size and
     * centred; the shifts are zero without an intercept, whose column absorbs them.
     */
    private record Gram(BigDecimal[][] g, BigDecimal[] c, double[] scale, double[] shift, double yScale,
            double yShift) {
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
        return new Gram(g, c, ones(k), new double[k], 1.0, 0.0);
    }

    /**
     * Large problems: Dot2-compensated sums (about 32 digits) of shifted, power-of-two-scaled columns.
     *
     * <p>With an intercept, each column and the target are first shifted by their mean rounded to double, the
     * difference kept exactly as two doubles. Without the shift a column at an offset (say 1e12 + z with z of unit
     * size) makes G's entries cancel in their first 24 digits and leaves only 8 of Dot2's 32; the shift leaves the
     * fitted model unchanged (the intercept absorbs it) and the Gram matrix of centred data as well conditioned as
     * the data's spread allows.
     */
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
        // Each shifted column (and y) is scaled by a power of two that brings its largest magnitude near 1: exact in
        // binary, and it keeps the products of the Gram matrix far from overflow for data near Double.MAX_VALUE.
        double[] shift = columnShifts(problem);
        double yShift = problem.hasIntercept() ? mean(problem.y()) : 0.0;
        double[] scale = columnScales(problem, shift);
        double yScale = targetScale(problem.y(), yShift);
        double[] row = new double[k];
        double[] rowLow = new double[k];
        for (int i = 0; i < n; i++) {
            if (offset == 1) {
                row[0] = 1.0;
            }
            problem.data().copyRow(i, row, offset);
            problem.copyLowRow(i, rowLow, offset);
            for (int a = offset; a < k; a++) {
                double centred = row[a] - shift[a];
                double error = twoSumError(row[a], -shift[a], centred);
                row[a] = centred * scale[a];
                rowLow[a] = (error + rowLow[a]) * scale[a];
            }
            double w = problem.weight(i);
            double yCentred = problem.y()[i] - yShift;
            double y = yCentred * yScale;
            double yLow = twoSumError(problem.y()[i], -yShift, yCentred) * yScale;
            for (int a = 0; a < k; a++) {
                // w·x_a split exactly into high + low, so the triple product keeps every digit.
                double wx = w * row[a];
                double wxError = Math.fma(w, row[a], -wx) + w * rowLow[a];
                for (int b = 0; b <= a; b++) {
                    gram[a][b].addProduct(row[b], wx, wxError);
                    gram[a][b].addProduct(rowLow[b], wx);
                }
                rhs[a].addProduct(y, wx, wxError);
                rhs[a].addProduct(yLow, wx);
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
        return new Gram(g, c, scale, shift, yScale, yShift);
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

    /** Per parameter: the feature column's mean rounded to double when an intercept is fitted, else zero. */
    private static double[] columnShifts(Problem problem) {
        int p = problem.features();
        int offset = problem.hasIntercept() ? 1 : 0;
        double[] shift = new double[p + offset];
        if (offset == 0) {
            return shift;
        }
        double[] row = new double[p];
        for (int i = 0; i < problem.rows(); i++) {
            problem.data().copyRow(i, row, 0);
            for (int j = 0; j < p; j++) {
                shift[j + 1] += row[j];
            }
        }
        for (int j = 1; j <= p; j++) {
            shift[j] /= problem.rows();
        }
        return shift;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** The rounding error of {@code a + b} given its rounded value {@code sum} (Knuth's TwoSum): exact. */
    private static double twoSumError(double a, double b, double sum) {
        double bVirtual = sum - a;
        double aVirtual = sum - bVirtual;
        return (a - aVirtual) + (b - bVirtual);
    }

    private static double[] columnScales(Problem problem, double[] shift) {
        int p = problem.features();
        int offset = problem.hasIntercept() ? 1 : 0;
        double[] largest = new double[p];
        double[] row = new double[p];
        for (int i = 0; i < problem.rows(); i++) {
            problem.data().copyRow(i, row, 0);
            for (int j = 0; j < p; j++) {
                largest[j] = Math.max(largest[j], Math.abs(row[j] - shift[j + offset]));
            }
        }
        double[] scale = new double[p + offset];
        java.util.Arrays.fill(scale, 1.0);
        for (int j = 0; j < p; j++) {
            scale[j + offset] = powerOfTwoScale(largest, j, j + 1);
        }
        return scale;
    }

    private static double targetScale(double[] y, double shift) {
        double largest = 0;
        for (double value : y) {
            largest = Math.max(largest, Math.abs(value - shift));
        }
        return largest == 0 ? 1.0 : Math.scalb(1.0, -Math.getExponent(largest));
    }

    /** 2^-e where 2^e is the binade of the largest |values[from..to)| (1 when all are zero). */
    private static double powerOfTwoScale(double[] values, int from, int to) {
        double largest = 0;
        for (int i = from; i < to; i++) {
            largest = Math.max(largest, Math.abs(values[i]));
        }
        return largest == 0 ? 1.0 : Math.scalb(1.0, -Math.getExponent(largest));
    }

    /** LDLᵀ: G = L·D·Lᵀ with unit lower triangular L; no square roots, every step at 60 digits. */
    private static Factors factor(BigDecimal[][] g, Problem problem) {
        int k = g.length;
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
        return new Factors(l, d);
    }

    /** The factors of G = L·D·Lᵀ, L unit lower triangular, D diagonal and positive. */
    private record Factors(BigDecimal[][] l, BigDecimal[] d) {

        /** θ with G θ = c: forward L z = c, scale u = D⁻¹ z, back Lᵀ θ = u. */
        BigDecimal[] solve(BigDecimal[] c) {
            int k = d.length;
            BigDecimal[] z = forward(c);
            BigDecimal[] theta = new BigDecimal[k];
            for (int i = k - 1; i >= 0; i--) {
                BigDecimal s = z[i].divide(d[i], DIGITS);
                for (int m = i + 1; m < k; m++) {
                    s = s.subtract(l[m][i].multiply(theta[m], DIGITS), DIGITS);
                }
                theta[i] = s;
            }
            return theta;
        }

        /** z with L z = v. */
        private BigDecimal[] forward(BigDecimal[] v) {
            int k = d.length;
            BigDecimal[] z = new BigDecimal[k];
            for (int i = 0; i < k; i++) {
                BigDecimal s = v[i];
                for (int m = 0; m < i; m++) {
                    s = s.subtract(l[i][m].multiply(z[m], DIGITS), DIGITS);
                }
                z[i] = s;
            }
            return z;
        }

        /** uᵀ G⁻¹ u = Σ_m z_m² / d_m with L z = u, rounded to double. */
        double quadraticFormOfInverse(BigDecimal[] u) {
            BigDecimal[] z = forward(u);
            BigDecimal sum = BigDecimal.ZERO;
            for (int m = 0; m < z.length; m++) {
                sum = sum.add(z[m].multiply(z[m], DIGITS).divide(d[m], DIGITS), DIGITS);
            }
            return sum.doubleValue();
        }

        /** diag(G⁻¹) = Σ_m (L⁻¹)_{m,j}² / d_m, from the columns of L⁻¹ (unit lower triangular). */
        double[] inverseDiagonal() {
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
}
