package io.maas.internal.vector;

import io.maas.internal.VectorKernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Gram kernel of {@code io.maas.solver.GramKernel} on the Java Vector API, register-blocked: the same sums, bit
 * for bit, 2.4-6.2x faster with AVX-512 on one core of the reference machine (GramBenchmark.kernelOnly at q = 501
 * down to q = 21) and 1.4-2.6x with AVX2 code (the same machine with -XX:UseAVX=2, in a plain timing loop). Used only when the JVM runs with {@code --add-modules
 * jdk.incubator.vector} (the module is incubating in JDK 17); {@code io.maas.solver.GramKernel} loads it by name and
 * no other class names it, so without the flag it is never loaded and the library runs as before.
 *
 * <p>Why it is faster. C2 vectorises a loop with one stored array, so {@code GramKernel} loads and stores each
 * element of G once per group of six rows: seven loads per six multiply-adds, half the FMA rate at best. Here a tile
 * of G, {@code TILE_ROWS} rows by two vectors of columns, stays in registers while every row of the block passes
 * (16 accumulators with AVX-512's 32 registers, 12 with AVX2's 16): per row, two vector loads and {@code TILE_ROWS}
 * broadcasts feed 2·TILE_ROWS vector multiply-adds.
 *
 * <p>Why the bits are the same. Each element of G is still the chain g ← fma(x_r[j], x_r[k], g) over the rows r of
 * the block in order, started from the value before the block; only the order in which elements are visited
 * changes. So the answer does not depend on whether the module is present ({@code VectorKernelsTest} checks this).
 *
 * <p>Layout. The block is row-major in one array with a padded {@link #stride(int)}: a multiple of the vector length
 * and of the tile rows, the padding zero, so that tiles never need a remainder. G is kept square with the same stride
 * (row j at j·stride; entries k &le; j are G, the others scratch that tiles on the diagonal overwrite), so it is read
 * and written in place: copying a triangle in and out per block cost as much as the kernel at q = 501, where G no
 * longer fits in L2. Stateless and thread-safe.
 */
public final class VectorApiKernels implements VectorKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector: 8 with AVX-512, 4 with AVX2. */
    private static final int LANES = SPECIES.length();

    /**
     * Rows of G per tile: eight with 8-lane vectors (AVX-512 has 32 registers: 16 accumulators, 2 loads, a
     * broadcast), six otherwise (AVX2's 16 registers: 12 + 2 + 1). Measured on the reference machine at q = 21,
     * 101 and 501: 8 x 2 tiles 53-75 GFLOP/s on one core; with AVX2 code (-XX:UseAVX=2), 6 x 2 tiles 24-47, and
     * 8 x 2 spills to 19-31.
     */
    private static final int TILE_ROWS = LANES >= 8 ? 8 : 6;

    /** The kernel; the solver makes the one it uses by name ({@code io.maas.solver.GramKernel}). */
    public VectorApiKernels() {
    }

    /**
     * The length of the square array holding G for this kernel: q rows rounded up to the tile rows, each {@link
     * #stride} long.
     *
     * @param columns q &ge; 1
     * @return the array length
     */
    @Override
    public int squareLength(int columns) {
        return roundUp(columns, TILE_ROWS) * stride(columns);
    }

    /**
     * The row stride of a block for this kernel: q rounded up to the tile rows, then to the vector length.
     *
     * @param columns q &ge; 1
     * @return the stride, &ge; q
     */
    @Override
    public int stride(int columns) {
        return roundUp(roundUp(columns, TILE_ROWS), LANES);
    }

    /** Touches the Vector API once, so that a JVM without its intrinsics or module fails here, not in a fit. */
    @Override
    public boolean probe() {
        double[] values = new double[LANES];
        values[0] = 3.0;
        DoubleVector v = DoubleVector.fromArray(SPECIES, values, 0);
        return v.fma(v, v).lane(0) == 12.0;
    }

    /**
     * Adds Σ x_r x_rᵀ (lower triangle) over {@code count} rows of {@code block} to {@code lower}, with exactly the
     * roundings of {@code GramKernel.addCrossProducts}.
     *
     * @param block   rows at offsets r·{@link #stride(int)}, q values each, the padding up to the stride zero; read only
     * @param count   the number of rows, &ge; 0
     * @param columns q
     * @param square  G, {@link #squareLength(int)} values, row j at j·{@link #stride(int)}; entries k &le; j updated in place
     */
    @Override
    public void addCrossProducts(double[] block, int count, int columns, double[] square) {
        int stride = stride(columns);
        for (int j0 = 0; j0 < columns; j0 += TILE_ROWS) {
            int end = Math.min(columns, j0 + TILE_ROWS); // the tile needs columns k < end (k <= j)
            int k0 = 0;
            for (; k0 + 2 * LANES <= stride && k0 + LANES < end; k0 += 2 * LANES) {
                if (TILE_ROWS == 8) {
                    tile8x2(block, count, stride, j0, k0, square);
                } else {
                    tile6x2(block, count, stride, j0, k0, square);
                }
            }
            for (; k0 < end; k0 += LANES) {
                if (TILE_ROWS == 8) {
                    tile8x1(block, count, stride, j0, k0, square);
                } else {
                    tile6x1(block, count, stride, j0, k0, square);
                }
            }
        }
    }

    /**
     * Each row x of a block becomes √w·(x − c), and w·(x − c) is added to the block's offset sum, row by row in
     * order: the scalar loop of {@code GramAccumulator}, a vector at a time, with the same operations per element (so
     * the same bits). C2 does not vectorise that loop because it stores into two arrays. One call per block, so that
     * the loop is compiled with the Vector API calls inlined.
     *
     * @param x       the block, rows {@code stride} apart; updated, the padding stays zero
     * @param count   the number of rows
     * @param stride  the block's {@link #stride(int)}
     * @param shift   c, at least {@code stride} values, zero beyond q
     * @param offset  the offset sums, at least {@code stride} values; updated
     * @param weights the weights, or null for unit weights
     * @param first   the index in {@code weights} of the block's first row
     */
    @Override
    public void shift(double[] x, int count, int stride, double[] shift, double[] offset, double[] weights,
                      int first) {
        // A vector of columns at a time down all the rows, its offset sum in a register. Row by row, with the sums in
        // memory, each row waited for the previous row's store of them: 7.7 ms per million rows at q = 21 on one
        // core, 2.3 ms this way (32 and 16 ms at q = 101).
        for (int j = 0; j < stride; j += LANES) {
            DoubleVector c = load(shift, j);
            DoubleVector sum = load(offset, j);
            if (weights == null) {
                // w = 1: fma(1, dx, sum) rounds as sum + dx, and dx·√1 is dx.
                for (int at = j, r = 0; r < count; r++, at += stride) {
                    DoubleVector dx = load(x, at).sub(c);
                    sum = sum.add(dx);
                    dx.intoArray(x, at);
                }
            } else {
                for (int at = j, r = 0; r < count; r++, at += stride) {
                    double w = weights[first + r];
                    DoubleVector dx = load(x, at).sub(c);
                    sum = dx.fma(broadcast(w), sum);
                    dx.mul(broadcast(Math.sqrt(w))).intoArray(x, at);
                }
            }
            sum.intoArray(offset, j);
        }
    }

    /**
     * Adds cross·δδᵀ − downdate·ooᵀ to G, the parallel-axis update of {@code GramAccumulator.combine}: G_jk ←
     * fma(cross·δ_j, δ_k, fma(−downdate·o_j, o_k, G_jk)) for k &le; j, a vector at a time, with the same operations
     * per element as the scalar loop (same bits). Entries beyond j are scratch and may change.
     *
     * @param square     G, rows {@code stride} apart
     * @param columns    q
     * @param delta      δ, at least {@link #stride(int)} values, zero beyond q
     * @param offset     o, at least {@link #stride(int)} values, zero beyond q
     * @param cross      the factor of δδᵀ
     * @param downdate   the factor of −ooᵀ
     */
    @Override
    public void combine(double[] square, int columns, double[] delta, double[] offset, double cross,
                        double downdate) {
        int stride = stride(columns);
        for (int j = 0; j < columns; j++) {
            DoubleVector scaledDelta = broadcast(cross * delta[j]);
            DoubleVector scaledOffset = broadcast(-downdate * offset[j]);
            int at = j * stride;
            for (int k = 0; k <= j; k += LANES) {
                DoubleVector g = load(square, at + k);
                scaledDelta.fma(load(delta, k), scaledOffset.fma(load(offset, k), g)).intoArray(square, at + k);
            }
        }
    }

    private static void tile8x2(double[] x, int count, int s, int j0, int k0, double[] g) {
        int at = j0 * s + k0;
        DoubleVector c00 = load(g, at);
        DoubleVector c01 = load(g, at + LANES);
        DoubleVector c10 = load(g, at + s);
        DoubleVector c11 = load(g, at + s + LANES);
        DoubleVector c20 = load(g, at + 2 * s);
        DoubleVector c21 = load(g, at + 2 * s + LANES);
        DoubleVector c30 = load(g, at + 3 * s);
        DoubleVector c31 = load(g, at + 3 * s + LANES);
        DoubleVector c40 = load(g, at + 4 * s);
        DoubleVector c41 = load(g, at + 4 * s + LANES);
        DoubleVector c50 = load(g, at + 5 * s);
        DoubleVector c51 = load(g, at + 5 * s + LANES);
        DoubleVector c60 = load(g, at + 6 * s);
        DoubleVector c61 = load(g, at + 6 * s + LANES);
        DoubleVector c70 = load(g, at + 7 * s);
        DoubleVector c71 = load(g, at + 7 * s + LANES);
        for (int r = 0, o = 0; r < count; r++, o += s) {
            DoubleVector v0 = load(x, o + k0);
            DoubleVector v1 = load(x, o + k0 + LANES);
            DoubleVector b = broadcast(x[o + j0]);
            c00 = v0.fma(b, c00);
            c01 = v1.fma(b, c01);
            b = broadcast(x[o + j0 + 1]);
            c10 = v0.fma(b, c10);
            c11 = v1.fma(b, c11);
            b = broadcast(x[o + j0 + 2]);
            c20 = v0.fma(b, c20);
            c21 = v1.fma(b, c21);
            b = broadcast(x[o + j0 + 3]);
            c30 = v0.fma(b, c30);
            c31 = v1.fma(b, c31);
            b = broadcast(x[o + j0 + 4]);
            c40 = v0.fma(b, c40);
            c41 = v1.fma(b, c41);
            b = broadcast(x[o + j0 + 5]);
            c50 = v0.fma(b, c50);
            c51 = v1.fma(b, c51);
            b = broadcast(x[o + j0 + 6]);
            c60 = v0.fma(b, c60);
            c61 = v1.fma(b, c61);
            b = broadcast(x[o + j0 + 7]);
            c70 = v0.fma(b, c70);
            c71 = v1.fma(b, c71);
        }
        c00.intoArray(g, at);
        c01.intoArray(g, at + LANES);
        c10.intoArray(g, at + s);
        c11.intoArray(g, at + s + LANES);
        c20.intoArray(g, at + 2 * s);
        c21.intoArray(g, at + 2 * s + LANES);
        c30.intoArray(g, at + 3 * s);
        c31.intoArray(g, at + 3 * s + LANES);
        c40.intoArray(g, at + 4 * s);
        c41.intoArray(g, at + 4 * s + LANES);
        c50.intoArray(g, at + 5 * s);
        c51.intoArray(g, at + 5 * s + LANES);
        c60.intoArray(g, at + 6 * s);
        c61.intoArray(g, at + 6 * s + LANES);
        c70.intoArray(g, at + 7 * s);
        c71.intoArray(g, at + 7 * s + LANES);
    }

    private static void tile8x1(double[] x, int count, int s, int j0, int k0, double[] g) {
        int at = j0 * s + k0;
        DoubleVector c0 = load(g, at);
        DoubleVector c1 = load(g, at + s);
        DoubleVector c2 = load(g, at + 2 * s);
        DoubleVector c3 = load(g, at + 3 * s);
        DoubleVector c4 = load(g, at + 4 * s);
        DoubleVector c5 = load(g, at + 5 * s);
        DoubleVector c6 = load(g, at + 6 * s);
        DoubleVector c7 = load(g, at + 7 * s);
        for (int r = 0, o = 0; r < count; r++, o += s) {
            DoubleVector v = load(x, o + k0);
            c0 = v.fma(broadcast(x[o + j0]), c0);
            c1 = v.fma(broadcast(x[o + j0 + 1]), c1);
            c2 = v.fma(broadcast(x[o + j0 + 2]), c2);
            c3 = v.fma(broadcast(x[o + j0 + 3]), c3);
            c4 = v.fma(broadcast(x[o + j0 + 4]), c4);
            c5 = v.fma(broadcast(x[o + j0 + 5]), c5);
            c6 = v.fma(broadcast(x[o + j0 + 6]), c6);
            c7 = v.fma(broadcast(x[o + j0 + 7]), c7);
        }
        c0.intoArray(g, at);
        c1.intoArray(g, at + s);
        c2.intoArray(g, at + 2 * s);
        c3.intoArray(g, at + 3 * s);
        c4.intoArray(g, at + 4 * s);
        c5.intoArray(g, at + 5 * s);
        c6.intoArray(g, at + 6 * s);
        c7.intoArray(g, at + 7 * s);
    }

    private static void tile6x2(double[] x, int count, int s, int j0, int k0, double[] g) {
        int at = j0 * s + k0;
        DoubleVector c00 = load(g, at);
        DoubleVector c01 = load(g, at + LANES);
        DoubleVector c10 = load(g, at + s);
        DoubleVector c11 = load(g, at + s + LANES);
        DoubleVector c20 = load(g, at + 2 * s);
        DoubleVector c21 = load(g, at + 2 * s + LANES);
        DoubleVector c30 = load(g, at + 3 * s);
        DoubleVector c31 = load(g, at + 3 * s + LANES);
        DoubleVector c40 = load(g, at + 4 * s);
        DoubleVector c41 = load(g, at + 4 * s + LANES);
        DoubleVector c50 = load(g, at + 5 * s);
        DoubleVector c51 = load(g, at + 5 * s + LANES);
        for (int r = 0, o = 0; r < count; r++, o += s) {
            DoubleVector v0 = load(x, o + k0);
            DoubleVector v1 = load(x, o + k0 + LANES);
            DoubleVector b = broadcast(x[o + j0]);
            c00 = v0.fma(b, c00);
            c01 = v1.fma(b, c01);
            b = broadcast(x[o + j0 + 1]);
            c10 = v0.fma(b, c10);
            c11 = v1.fma(b, c11);
            b = broadcast(x[o + j0 + 2]);
            c20 = v0.fma(b, c20);
            c21 = v1.fma(b, c21);
            b = broadcast(x[o + j0 + 3]);
            c30 = v0.fma(b, c30);
            c31 = v1.fma(b, c31);
            b = broadcast(x[o + j0 + 4]);
            c40 = v0.fma(b, c40);
            c41 = v1.fma(b, c41);
            b = broadcast(x[o + j0 + 5]);
            c50 = v0.fma(b, c50);
            c51 = v1.fma(b, c51);
        }
        c00.intoArray(g, at);
        c01.intoArray(g, at + LANES);
        c10.intoArray(g, at + s);
        c11.intoArray(g, at + s + LANES);
        c20.intoArray(g, at + 2 * s);
        c21.intoArray(g, at + 2 * s + LANES);
        c30.intoArray(g, at + 3 * s);
        c31.intoArray(g, at + 3 * s + LANES);
        c40.intoArray(g, at + 4 * s);
        c41.intoArray(g, at + 4 * s + LANES);
        c50.intoArray(g, at + 5 * s);
        c51.intoArray(g, at + 5 * s + LANES);
    }

    private static void tile6x1(double[] x, int count, int s, int j0, int k0, double[] g) {
        int at = j0 * s + k0;
        DoubleVector c0 = load(g, at);
        DoubleVector c1 = load(g, at + s);
        DoubleVector c2 = load(g, at + 2 * s);
        DoubleVector c3 = load(g, at + 3 * s);
        DoubleVector c4 = load(g, at + 4 * s);
        DoubleVector c5 = load(g, at + 5 * s);
        for (int r = 0, o = 0; r < count; r++, o += s) {
            DoubleVector v = load(x, o + k0);
            c0 = v.fma(broadcast(x[o + j0]), c0);
            c1 = v.fma(broadcast(x[o + j0 + 1]), c1);
            c2 = v.fma(broadcast(x[o + j0 + 2]), c2);
            c3 = v.fma(broadcast(x[o + j0 + 3]), c3);
            c4 = v.fma(broadcast(x[o + j0 + 4]), c4);
            c5 = v.fma(broadcast(x[o + j0 + 5]), c5);
        }
        c0.intoArray(g, at);
        c1.intoArray(g, at + s);
        c2.intoArray(g, at + 2 * s);
        c3.intoArray(g, at + 3 * s);
        c4.intoArray(g, at + 4 * s);
        c5.intoArray(g, at + 5 * s);
    }

    private static DoubleVector load(double[] array, int offset) {
        return DoubleVector.fromArray(SPECIES, array, offset);
    }

    private static DoubleVector broadcast(double value) {
        return DoubleVector.broadcast(SPECIES, value);
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
