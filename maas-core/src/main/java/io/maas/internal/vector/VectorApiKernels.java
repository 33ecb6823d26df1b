package io.maas.internal.vector;

import io.maas.internal.VectorKernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
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
 * broadcasts feed 2·TILE_ROWS vector multiply-adds. With AVX-512, the last rows of G take their last three vectors of
 * columns as one 6 x 3 tile.
 *
 * <p>Why the bits are the same. Each element of G is still the chain g ← fma(x_r[j], x_r[k], g) over the rows r of
 * the block in order, started from the value before the block; only the order in which elements are visited
 * changes. So the answer does not depend on whether the module is present ({@code VectorKernelsTest} checks this).
 *
 * <p>Layout. The block is row-major in one array with a padded {@link #stride(int)}: a multiple of the vector length
 * and of the tile rows, the padding zero, so that tiles never need a remainder. G is kept square with the same stride
 * (row j at j·stride; entries k &le; j are G, the others scratch that tiles on the diagonal overwrite), so it is read
 * and written in place: copying a triangle in and out per block cost as much as the kernel at q = 501, where G no
 * longer fits in L2.
 *
 * <p>The gradient pass of gradient descent ({@link #gradient}) keeps each residual's eight partial sums in one vector
 * (two with AVX2) and adds them by the scalar kernel's tree after the row. In JDK 17, masked loads and adds, lane
 * permutations and gathers allocate or fall back to scalar code here: measured 2-3.5x slower than plain loads, lane
 * reads and scalar code for the last columns. Stateless and thread-safe.
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

    /** For each count of features in the target's vector (0 to LANES − 1): the target's lane. */
    private static final VectorMask<Double>[] TARGET_LANE = masks(1L);

    /** For each count of features in the target's vector: the lanes after them (the target's, and padding). */
    private static final VectorMask<Double>[] AFTER_FEATURES = masks(-1L);

    /** The partial sums of a residual's dot product in every gradient kernel ({@code GradientKernel.LANES}). */
    private static final int PARTIALS = 8;

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
        for (int j0 = 0; j0 < columns; ) {
            // The last rows of G in 6-row tiles when at most 6 are left: 8-row tiles would spend the rest on padding.
            boolean eight = TILE_ROWS == 8 && columns - j0 > 6;
            int rows = eight ? 8 : 6;
            int end = Math.min(columns, j0 + rows); // the tile needs columns k < end (k <= j)
            // A 6-row tile with five rows of G left (q = 21: rows 16-20) skips the sixth, a row of padding.
            boolean sixth = end - j0 > 5;
            int k0 = 0;
            for (; k0 + 2 * LANES <= stride && k0 + LANES < end; k0 += 2 * LANES) {
                if (!eight && lastThree(k0, end)) {
                    break;
                }
                if (eight) {
                    tile8x2(block, count, stride, j0, k0, square);
                } else {
                    tile6x2(block, count, stride, j0, k0, square, sixth);
                }
            }
            if (!eight && lastThree(k0, end)) {
                tile6x3(block, count, stride, j0, k0, square, sixth);
                k0 += 3 * LANES;
            }
            for (; k0 < end; k0 += LANES) {
                if (eight) {
                    tile8x1(block, count, stride, j0, k0, square);
                } else {
                    tile6x1(block, count, stride, j0, k0, square, sixth);
                }
            }
            j0 += rows;
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
        // Vectors of columns down all the rows, their offset sums in registers. Row by row, with the sums in memory,
        // each row waited for the previous row's store of them: 7.7 ms per million rows at q = 21 on one core, 2.3 ms
        // a vector at a time (32 and 16 ms at q = 101). Each sum is still a chain of adds down the rows, 3 or 4
        // cycles each, so with unit weights three vectors go down together: three chains in flight.
        int j = 0;
        if (weights == null) {
            for (; j + 3 * LANES <= stride; j += 3 * LANES) {
                shiftThree(x, count, stride, shift, offset, j);
            }
        }
        for (; j < stride; j += LANES) {
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
     * {@link #shift} of rows read where they are given, written into the block: the same operations per element (so
     * the same bits) as copying each row and its target into the block and shifting it there, without that copy.
     * Whole vectors of features are read from the rows; the vector holding the last features and the target is read
     * from the rows too, reaching into the next row (hence the slack this method requires), and the target and zeros
     * blended into its lanes after the features. The block's columns after that vector (padding) are not written.
     *
     * @param rows must hold at least {@code LANES} values after the block's last feature when p is not a multiple of
     *             the vector length
     */
    @Override
    public void shift(double[] rows, int rowsFrom, double[] target, int targetFrom, int columns, double[] x,
                      int count, int stride, double[] shift, double[] offset, double[] weights, int first) {
        int p = columns - 1;
        int tail = p / LANES * LANES; // the vector of columns holding the target
        int last = p - tail;          // its lanes before the target: the last features
        if (last > 0 && (long) rowsFrom + (long) (count - 1) * p + tail + LANES > rows.length) {
            throw new IllegalArgumentException("the rows need " + LANES + " values of slack after the block");
        }
        VectorMask<Double> targetLane = TARGET_LANE[last];
        VectorMask<Double> afterFeatures = AFTER_FEATURES[last];
        int j = 0;
        if (weights == null) {
            for (; j + 3 * LANES <= tail; j += 3 * LANES) {
                shiftThreeFromRows(rows, rowsFrom, p, x, count, stride, shift, offset, j);
            }
            // The last whole vectors of features (at most two) go down the rows with the target's vector: three
            // chains of adds in flight, as above.
            shiftWithTarget(rows, rowsFrom, p, target, targetFrom, x, count, stride, shift, offset, j,
                    (tail - j) / LANES, targetLane, afterFeatures);
            return;
        }
        for (; j <= tail; j += LANES) {
            DoubleVector c = load(shift, j);
            DoubleVector sum = load(offset, j);
            for (int at = j, from = rowsFrom + j, r = 0; r < count; r++, at += stride, from += p) {
                double w = weights[first + r];
                DoubleVector a = j < tail ? load(rows, from) : withTarget(rows, from, last, target[targetFrom + r],
                        targetLane, afterFeatures);
                DoubleVector dx = a.sub(c);
                sum = dx.fma(broadcast(w), sum);
                dx.mul(broadcast(Math.sqrt(w))).intoArray(x, at);
            }
            sum.intoArray(offset, j);
        }
    }

    /** Masks made once, not per block: mask i has the bits of {@code bits << i}. */
    @SuppressWarnings("unchecked")
    private static VectorMask<Double>[] masks(long bits) {
        VectorMask<Double>[] masks = new VectorMask[LANES];
        for (int i = 0; i < LANES; i++) {
            masks[i] = VectorMask.fromLong(SPECIES, bits << i);
        }
        return masks;
    }

    /** The vector of columns from {@code from} of a row whose lanes from {@code last} on are the target, then 0. */
    private static DoubleVector withTarget(double[] rows, int from, int last, double target,
                                           VectorMask<Double> targetLane, VectorMask<Double> afterFeatures) {
        DoubleVector targetAndZeros = DoubleVector.zero(SPECIES).blend(target, targetLane);
        return last == 0 ? targetAndZeros : load(rows, from).blend(targetAndZeros, afterFeatures);
    }

    /**
     * {@link #shift} from rows with unit weights for {@code whole} (0, 1 or 2) vectors of features from column j and
     * then the target's vector.
     */
    private static void shiftWithTarget(double[] rows, int rowsFrom, int p, double[] target, int targetFrom,
                                        double[] x, int count, int stride, double[] shift, double[] offset, int j,
                                        int whole, VectorMask<Double> targetLane, VectorMask<Double> afterFeatures) {
        int t = j + whole * LANES;
        int last = p - t;
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector c0 = whole >= 1 ? load(shift, j) : zero;
        DoubleVector c1 = whole >= 2 ? load(shift, j + LANES) : zero;
        DoubleVector ct = load(shift, t);
        DoubleVector sum0 = whole >= 1 ? load(offset, j) : zero;
        DoubleVector sum1 = whole >= 2 ? load(offset, j + LANES) : zero;
        DoubleVector sumT = load(offset, t);
        for (int at = 0, from = rowsFrom, r = 0; r < count; r++, at += stride, from += p) {
            DoubleVector dxT = withTarget(rows, from + t, last, target[targetFrom + r], targetLane, afterFeatures)
                    .sub(ct);
            sumT = sumT.add(dxT);
            dxT.intoArray(x, at + t);
            if (whole >= 1) {
                DoubleVector dx0 = load(rows, from + j).sub(c0);
                sum0 = sum0.add(dx0);
                dx0.intoArray(x, at + j);
            }
            if (whole >= 2) {
                DoubleVector dx1 = load(rows, from + j + LANES).sub(c1);
                sum1 = sum1.add(dx1);
                dx1.intoArray(x, at + j + LANES);
            }
        }
        sumT.intoArray(offset, t);
        if (whole >= 1) {
            sum0.intoArray(offset, j);
        }
        if (whole >= 2) {
            sum1.intoArray(offset, j + LANES);
        }
    }

    /** {@link #shift} from rows with unit weights for the three vectors of features from column j. */
    private static void shiftThreeFromRows(double[] rows, int rowsFrom, int p, double[] x, int count, int stride,
                                   double[] shift, double[] offset, int j) {
        DoubleVector c0 = load(shift, j);
        DoubleVector c1 = load(shift, j + LANES);
        DoubleVector c2 = load(shift, j + 2 * LANES);
        DoubleVector sum0 = load(offset, j);
        DoubleVector sum1 = load(offset, j + LANES);
        DoubleVector sum2 = load(offset, j + 2 * LANES);
        for (int at = j, from = rowsFrom + j, r = 0; r < count; r++, at += stride, from += p) {
            DoubleVector dx0 = load(rows, from).sub(c0);
            DoubleVector dx1 = load(rows, from + LANES).sub(c1);
            DoubleVector dx2 = load(rows, from + 2 * LANES).sub(c2);
            sum0 = sum0.add(dx0);
            sum1 = sum1.add(dx1);
            sum2 = sum2.add(dx2);
            dx0.intoArray(x, at);
            dx1.intoArray(x, at + LANES);
            dx2.intoArray(x, at + 2 * LANES);
        }
        sum0.intoArray(offset, j);
        sum1.intoArray(offset, j + LANES);
        sum2.intoArray(offset, j + 2 * LANES);
    }

    /** {@link #shift} with unit weights for the three vectors of columns from j. */
    private static void shiftThree(double[] x, int count, int stride, double[] shift, double[] offset, int j) {
        DoubleVector c0 = load(shift, j);
        DoubleVector c1 = load(shift, j + LANES);
        DoubleVector c2 = load(shift, j + 2 * LANES);
        DoubleVector sum0 = load(offset, j);
        DoubleVector sum1 = load(offset, j + LANES);
        DoubleVector sum2 = load(offset, j + 2 * LANES);
        for (int at = j, r = 0; r < count; r++, at += stride) {
            DoubleVector dx0 = load(x, at).sub(c0);
            DoubleVector dx1 = load(x, at + LANES).sub(c1);
            DoubleVector dx2 = load(x, at + 2 * LANES).sub(c2);
            sum0 = sum0.add(dx0);
            sum1 = sum1.add(dx1);
            sum2 = sum2.add(dx2);
            dx0.intoArray(x, at);
            dx1.intoArray(x, at + LANES);
            dx2.intoArray(x, at + 2 * LANES);
        }
        sum0.intoArray(offset, j);
        sum1.intoArray(offset, j + LANES);
        sum2.intoArray(offset, j + 2 * LANES);
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

    /**
     * Whether the columns from k0 to end are three vectors' worth, which a 6 x 3 tile takes in one pass over the
     * block (with 8-lane vectors: 18 accumulators of AVX-512's 32 registers). It broadcasts each row's six values
     * once instead of twice for a 6 x 2 and a 6 x 1 tile: at q = 21 the block's 28 broadcasts per row become 22.
     */
    private static boolean lastThree(int k0, int end) {
        return LANES >= 8 && k0 + 2 * LANES < end && end <= k0 + 3 * LANES;
    }

    private static void tile6x3(double[] x, int count, int s, int j0, int k0, double[] g, boolean sixth) {
        int at = j0 * s + k0;
        DoubleVector c00 = load(g, at);
        DoubleVector c01 = load(g, at + LANES);
        DoubleVector c02 = load(g, at + 2 * LANES);
        DoubleVector c10 = load(g, at + s);
        DoubleVector c11 = load(g, at + s + LANES);
        DoubleVector c12 = load(g, at + s + 2 * LANES);
        DoubleVector c20 = load(g, at + 2 * s);
        DoubleVector c21 = load(g, at + 2 * s + LANES);
        DoubleVector c22 = load(g, at + 2 * s + 2 * LANES);
        DoubleVector c30 = load(g, at + 3 * s);
        DoubleVector c31 = load(g, at + 3 * s + LANES);
        DoubleVector c32 = load(g, at + 3 * s + 2 * LANES);
        DoubleVector c40 = load(g, at + 4 * s);
        DoubleVector c41 = load(g, at + 4 * s + LANES);
        DoubleVector c42 = load(g, at + 4 * s + 2 * LANES);
        DoubleVector c50 = load(g, at + 5 * s);
        DoubleVector c51 = load(g, at + 5 * s + LANES);
        DoubleVector c52 = load(g, at + 5 * s + 2 * LANES);
        for (int r = 0, o = 0; r < count; r++, o += s) {
            DoubleVector v0 = load(x, o + k0);
            DoubleVector v1 = load(x, o + k0 + LANES);
            DoubleVector v2 = load(x, o + k0 + 2 * LANES);
            DoubleVector b = broadcast(x[o + j0]);
            c00 = v0.fma(b, c00);
            c01 = v1.fma(b, c01);
            c02 = v2.fma(b, c02);
            b = broadcast(x[o + j0 + 1]);
            c10 = v0.fma(b, c10);
            c11 = v1.fma(b, c11);
            c12 = v2.fma(b, c12);
            b = broadcast(x[o + j0 + 2]);
            c20 = v0.fma(b, c20);
            c21 = v1.fma(b, c21);
            c22 = v2.fma(b, c22);
            b = broadcast(x[o + j0 + 3]);
            c30 = v0.fma(b, c30);
            c31 = v1.fma(b, c31);
            c32 = v2.fma(b, c32);
            b = broadcast(x[o + j0 + 4]);
            c40 = v0.fma(b, c40);
            c41 = v1.fma(b, c41);
            c42 = v2.fma(b, c42);
            // Loop-invariant, so always predicted: skipping the row took the kernel at q = 21 from 13.0-13.8 to
            // 11.8-12.8 ms per million rows on one core.
            if (sixth) {
                b = broadcast(x[o + j0 + 5]);
                c50 = v0.fma(b, c50);
                c51 = v1.fma(b, c51);
                c52 = v2.fma(b, c52);
            }
        }
        c00.intoArray(g, at);
        c01.intoArray(g, at + LANES);
        c02.intoArray(g, at + 2 * LANES);
        c10.intoArray(g, at + s);
        c11.intoArray(g, at + s + LANES);
        c12.intoArray(g, at + s + 2 * LANES);
        c20.intoArray(g, at + 2 * s);
        c21.intoArray(g, at + 2 * s + LANES);
        c22.intoArray(g, at + 2 * s + 2 * LANES);
        c30.intoArray(g, at + 3 * s);
        c31.intoArray(g, at + 3 * s + LANES);
        c32.intoArray(g, at + 3 * s + 2 * LANES);
        c40.intoArray(g, at + 4 * s);
        c41.intoArray(g, at + 4 * s + LANES);
        c42.intoArray(g, at + 4 * s + 2 * LANES);
        c50.intoArray(g, at + 5 * s);
        c51.intoArray(g, at + 5 * s + LANES);
        c52.intoArray(g, at + 5 * s + 2 * LANES);
    }

    private static void tile6x2(double[] x, int count, int s, int j0, int k0, double[] g, boolean sixth) {
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
            if (sixth) {
                b = broadcast(x[o + j0 + 5]);
                c50 = v0.fma(b, c50);
                c51 = v1.fma(b, c51);
            }
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

    private static void tile6x1(double[] x, int count, int s, int j0, int k0, double[] g, boolean sixth) {
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
            if (sixth) {
                c5 = v.fma(broadcast(x[o + j0 + 5]), c5);
            }
        }
        c0.intoArray(g, at);
        c1.intoArray(g, at + s);
        c2.intoArray(g, at + 2 * s);
        c3.intoArray(g, at + 3 * s);
        c4.intoArray(g, at + 4 * s);
        c5.intoArray(g, at + 5 * s);
    }

    @Override
    public boolean hasGradient() {
        return LANES == 4 || LANES == 8;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each residual's eight partial sums are one vector of 8 lanes (two of 4), column j in lane j mod 8, read out
     * after the row's full chunks; the last columns (fewer than 8) are added to the first sums as scalars, then the
     * tree. The rows go four at a time, their residuals then update the gradient a vector of columns at a time with
     * the scalar kernel's expression (r0·z0 + r1·z1) + (r2·z2 + r3·z3).
     */
    @Override
    public double gradient(double[] z, int p, double[] target, double[] weights, double[] theta, int from, int to,
                           double[] gradient, int offset) {
        int full = p / PARTIALS * PARTIALS;
        int rest = p - full;
        double sum = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int b0 = i * p;
            int b1 = b0 + p;
            int b2 = b1 + p;
            int b3 = b2 + p;
            double r0 = dot(z, b0, theta, full, rest);
            double r1 = dot(z, b1, theta, full, rest);
            double r2 = dot(z, b2, theta, full, rest);
            double r3 = dot(z, b3, theta, full, rest);
            if (target != null) {
                r0 -= target[i];
                r1 -= target[i + 1];
                r2 -= target[i + 2];
                r3 -= target[i + 3];
            }
            if (weights == null) {
                sum += (r0 * r0 + r1 * r1) + (r2 * r2 + r3 * r3);
            } else {
                double w0 = weights[i];
                double w1 = weights[i + 1];
                double w2 = weights[i + 2];
                double w3 = weights[i + 3];
                sum += (w0 * r0 * r0 + w1 * r1 * r1) + (w2 * r2 * r2 + w3 * r3 * r3);
                r0 *= w0;
                r1 *= w1;
                r2 *= w2;
                r3 *= w3;
            }
            DoubleVector v0 = broadcast(r0);
            DoubleVector v1 = broadcast(r1);
            DoubleVector v2 = broadcast(r2);
            DoubleVector v3 = broadcast(r3);
            int j = 0;
            for (; j + LANES <= p; j += LANES) {
                DoubleVector pair01 = v0.mul(load(z, b0 + j)).add(v1.mul(load(z, b1 + j)));
                DoubleVector pair23 = v2.mul(load(z, b2 + j)).add(v3.mul(load(z, b3 + j)));
                load(gradient, offset + j).add(pair01.add(pair23)).intoArray(gradient, offset + j);
            }
            for (; j < p; j++) {
                gradient[offset + j] += (r0 * z[b0 + j] + r1 * z[b1 + j]) + (r2 * z[b2 + j] + r3 * z[b3 + j]);
            }
        }
        for (; i < to; i++) {
            int b = i * p;
            double r = dot(z, b, theta, full, rest);
            if (target != null) {
                r -= target[i];
            }
            double w = weights == null ? 1.0 : weights[i];
            sum += w * r * r;
            r *= w;
            for (int j = 0; j < p; j++) {
                gradient[offset + j] += r * z[b + j];
            }
        }
        return sum;
    }

    /**
     * z_bᵀθ as {@code GradientKernel.dot}: the {@code full} columns in chunks of 8 in the lanes of one vector (two
     * with 4 lanes), then the rest (fewer than 8) added to the first partial sums as scalars, then the tree.
     */
    private static double dot(double[] z, int base, double[] theta, int full, int rest) {
        double a0;
        double a1;
        double a2;
        double a3;
        double a4;
        double a5;
        double a6;
        double a7;
        if (LANES == 8) {
            DoubleVector a = DoubleVector.zero(SPECIES);
            for (int j = 0; j < full; j += 8) {
                a = a.add(load(z, base + j).mul(load(theta, j)));
            }
            a0 = a.lane(0);
            a1 = a.lane(1);
            a2 = a.lane(2);
            a3 = a.lane(3);
            a4 = a.lane(4);
            a5 = a.lane(5);
            a6 = a.lane(6);
            a7 = a.lane(7);
        } else {
            DoubleVector a = DoubleVector.zero(SPECIES);
            DoubleVector e = DoubleVector.zero(SPECIES);
            for (int j = 0; j < full; j += 8) {
                a = a.add(load(z, base + j).mul(load(theta, j)));
                e = e.add(load(z, base + j + 4).mul(load(theta, j + 4)));
            }
            a0 = a.lane(0);
            a1 = a.lane(1);
            a2 = a.lane(2);
            a3 = a.lane(3);
            a4 = e.lane(0);
            a5 = e.lane(1);
            a6 = e.lane(2);
            a7 = e.lane(3);
        }
        return VectorKernels.finishDot(a0, a1, a2, a3, a4, a5, a6, a7, z, base + full, theta, full, rest);
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
