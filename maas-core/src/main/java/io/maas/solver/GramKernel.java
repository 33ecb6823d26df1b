package io.maas.solver;

/**
 * The inner loop of the Gram accumulation: adds the cross-products of groups of four rows to the lower triangle of a
 * symmetric matrix, G[j][0..j] += Σ_r x_r[j]·x_r[0..j].
 *
 * <p>Why this shape. C2 (JDK 17) vectorises a counted loop over consecutive indices of distinct arrays, but not a
 * floating-point reduction, and it keeps no array element in a register across iterations. So the loop runs along a
 * row of G (vectorised, four doubles per AVX2 instruction) and fuses four data rows into one chain of
 * {@link Math#fma}: each element of G is loaded and stored once per four rows, and the four row values for column j
 * are loop-invariant scalars broadcast once. Each data row must be its own array: loads at several offsets of one
 * array next to a store into another defeat the vectoriser's alias analysis. Measured on 2 Zen 3 cores, this reaches
 * about half of the FMA peak per core at 100 columns or more (see {@code maas-benchmarks}, {@code GramBenchmark}).
 */
final class GramKernel {

    /** Rows fused per pass over G. */
    static final int ROWS_PER_PASS = 4;

    private GramKernel() {
    }

    /**
     * Adds Σ x_r x_rᵀ (lower triangle) over {@code count} rows to {@code lower}.
     *
     * @param rows    the rows, each an array of at least {@code columns} values; read only
     * @param count   the number of rows to add, a multiple of {@link #ROWS_PER_PASS}
     * @param columns the number of columns q
     * @param lower   q arrays, row j holding at least j + 1 values; updated in place
     */
    static void addCrossProducts(double[][] rows, int count, int columns, double[][] lower) {
        for (int r = 0; r < count; r += ROWS_PER_PASS) {
            double[] x0 = rows[r];
            double[] x1 = rows[r + 1];
            double[] x2 = rows[r + 2];
            double[] x3 = rows[r + 3];
            for (int j = 0; j < columns; j++) {
                fusedAxpy(x0[j], x1[j], x2[j], x3[j], x0, x1, x2, x3, lower[j], j + 1);
            }
        }
    }

    /** g[0..length) += a0·x0 + a1·x1 + a2·x2 + a3·x3, one fused chain per element. */
    private static void fusedAxpy(double a0, double a1, double a2, double a3, double[] x0, double[] x1, double[] x2,
                                  double[] x3, double[] g, int length) {
        for (int i = 0; i < length; i++) {
            g[i] = Math.fma(a3, x3[i], Math.fma(a2, x2[i], Math.fma(a1, x1[i], Math.fma(a0, x0[i], g[i]))));
        }
    }
}
