package io.maas.solver;

import io.maas.internal.VectorKernels;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inner loop of the Gram accumulation: adds the cross-products of groups of rows to the lower triangle of a
 * symmetric matrix, G[j][0..j] += Σ_r x_r[j]·x_r[0..j].
 *
 * <p>Why this shape. C2 (JDK 17) vectorises a counted loop over consecutive indices of distinct arrays, but not a
 * floating-point reduction, and it keeps no array element in a register across iterations. So the loop runs along a
 * row of G (vectorised, four doubles per AVX2 instruction) and fuses 4 or 6 data rows into one chain of
 * {@link Math#fma}: each element of G is loaded and stored once per group of rows, and the rows' values in column j
 * are loop-invariant scalars broadcast once. Six rows use 13 of the 16 vector registers with the accumulator, about
 * 10 % faster than four from 100 columns on; eight spill and run at a third of the speed. Each data row must be its
 * own array: loads at several offsets of one array next to a store into another defeat the vectoriser's alias
 * analysis. Rows of G are processed in panels that stay in L2 while the whole block passes over them. C2 leaves
 * loops shorter than about 24 iterations scalar, so below ~30 columns this runs near the scalar FMA rate; from 100
 * columns on it reaches about half of a core's vector FMA peak (see {@code GramBenchmark} in maas-benchmarks).
 *
 * <p>When the JVM runs with {@code --add-modules jdk.incubator.vector}, {@code VectorApiKernels} does the same sums
 * with the same roundings, register-blocked: {@link #vectorKernels()} says whether the accumulators use it.
 */
final class GramKernel {

    /** Bytes of one panel of rows of G: under half of a 512 KB L2 cache, leaving room for the data rows. */
    private static final long PANEL_BYTES = 192 * 1024;

    /** From this many columns on, six rows are fused per pass over G instead of four. */
    private static final int SIX_ROWS_FROM = 48;

    private static final Logger LOG = LoggerFactory.getLogger(GramKernel.class);

    private GramKernel() {
    }

    /**
     * Whether the flat, register-blocked kernel is used: the JVM has resolved the incubating module
     * jdk.incubator.vector (the flag {@code --add-modules jdk.incubator.vector}) and the kernel works.
     *
     * @return true when {@link #vectorKernels()} is present
     */
    static boolean vectorized() {
        return Selection.FLAT != null;
    }

    /**
     * The Vector API kernel, {@code VectorApiKernels}, loaded by name so that no other class mentions the incubating
     * API; decided once per JVM, from its configuration, which cannot change while it runs.
     *
     * @return the kernel, or null when this JVM has no jdk.incubator.vector module
     */
    static VectorKernels vectorKernels() {
        return Selection.FLAT;
    }

    /** Holds the decision, made when first asked (class initialisation is lazy and thread-safe). */
    private static final class Selection {

        static final VectorKernels FLAT = load();

        private static VectorKernels load() {
            Optional<Module> vector = ModuleLayer.boot().findModule("jdk.incubator.vector");
            if (vector.isEmpty()) {
                LOG.debug("Gram and gradient kernels: scalar (start the JVM with --add-modules "
                        + "jdk.incubator.vector for the Vector API kernels, same results)");
                return null;
            }
            try {
                // The module descriptor does not require it (it is optional and incubating): read it now. A no-op
                // when maas runs from the class path, whose unnamed module reads every module.
                GramKernel.class.getModule().addReads(vector.get());
                VectorKernels kernel = Class.forName("io.maas.internal.vector.VectorApiKernels")
                        .asSubclass(VectorKernels.class).getDeclaredConstructor().newInstance();
                if (kernel.probe()) {
                    LOG.debug("Gram and gradient kernels: Vector API");
                    return kernel;
                }
                LOG.debug("Gram and gradient kernels: scalar, the Vector API kernel failed its probe");
                return null;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                LOG.debug("Gram and gradient kernels: scalar, the Vector API kernel failed to load", e);
                return null;
            }
        }
    }

    /**
     * The number of rows {@link #addCrossProducts} takes at a time for this many columns: 4 or 6.
     *
     * @param columns q
     * @return the row group; every row count passed to the kernel must be a multiple of it
     */
    static int rowsPerPass(int columns) {
        return columns >= SIX_ROWS_FROM ? 6 : 4;
    }

    /**
     * Adds Σ x_r x_rᵀ (lower triangle) over {@code count} rows to {@code lower}.
     *
     * @param rows    the rows, each an array of at least {@code columns} values; read only
     * @param count   the number of rows to add, a multiple of {@link #rowsPerPass(int)}
     * @param columns the number of columns q
     * @param lower   q arrays, row j holding at least j + 1 values; updated in place
     */
    static void addCrossProducts(double[][] rows, int count, int columns, double[][] lower) {
        boolean six = rowsPerPass(columns) == 6;
        for (int first = 0, end; first < columns; first = end) {
            long bytes = 0;
            for (end = first; end < columns && (end == first || bytes < PANEL_BYTES); end++) {
                bytes += (long) Double.BYTES * (end + 1);
            }
            if (six) {
                for (int r = 0; r < count; r += 6) {
                    addSix(rows, r, first, end, lower);
                }
            } else {
                for (int r = 0; r < count; r += 4) {
                    addFour(rows, r, first, end, lower);
                }
            }
        }
    }

    private static void addFour(double[][] rows, int r, int first, int end, double[][] lower) {
        double[] x0 = rows[r];
        double[] x1 = rows[r + 1];
        double[] x2 = rows[r + 2];
        double[] x3 = rows[r + 3];
        for (int j = first; j < end; j++) {
            fusedAxpy(x0[j], x1[j], x2[j], x3[j], x0, x1, x2, x3, lower[j], j + 1);
        }
    }

    private static void addSix(double[][] rows, int r, int first, int end, double[][] lower) {
        double[] x0 = rows[r];
        double[] x1 = rows[r + 1];
        double[] x2 = rows[r + 2];
        double[] x3 = rows[r + 3];
        double[] x4 = rows[r + 4];
        double[] x5 = rows[r + 5];
        for (int j = first; j < end; j++) {
            fusedAxpy(x0[j], x1[j], x2[j], x3[j], x4[j], x5[j], x0, x1, x2, x3, x4, x5, lower[j], j + 1);
        }
    }

    /** g[0..length) += a0·x0 + a1·x1 + a2·x2 + a3·x3, one fused chain per element. */
    private static void fusedAxpy(double a0, double a1, double a2, double a3, double[] x0, double[] x1, double[] x2,
                                  double[] x3, double[] g, int length) {
        for (int i = 0; i < length; i++) {
            g[i] = Math.fma(a3, x3[i], Math.fma(a2, x2[i], Math.fma(a1, x1[i], Math.fma(a0, x0[i], g[i]))));
        }
    }

    /** g[0..length) += a0·x0 + ... + a5·x5, one fused chain per element. */
    private static void fusedAxpy(double a0, double a1, double a2, double a3, double a4, double a5, double[] x0,
                                  double[] x1, double[] x2, double[] x3, double[] x4, double[] x5, double[] g,
                                  int length) {
        for (int i = 0; i < length; i++) {
            g[i] = Math.fma(a5, x5[i], Math.fma(a4, x4[i], Math.fma(a3, x3[i], Math.fma(a2, x2[i],
                    Math.fma(a1, x1[i], Math.fma(a0, x0[i], g[i]))))));
        }
    }
}
