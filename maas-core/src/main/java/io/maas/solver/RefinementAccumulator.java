package io.maas.solver;

import io.maas.data.Dataset;
import java.util.Arrays;

/**
 * One pass over the rows at fixed parameters θ = (b, β): the residuals r_i = y_i − b − x_iᵀβ, the gradient
 * g = (Σ w_i r_i, Σ w_i r_i x_i) and Σ w_i r_i², all in compensated arithmetic. This is what one step of iterative
 * refinement of a least-squares solution needs.
 *
 * <p>Why compensated. Near the solution the gradient is a tiny difference of large terms (exactly zero at the
 * optimum), and each residual may be a tiny difference of y and the prediction. Every product is split exactly with
 * {@link Math#fma} and every sum with Knuth's TwoSum, the errors being summed aside (Ogita, Rump and Oishi, Accurate
 * sum and dot product, SIAM J. Sci. Comput. 26(6), 2005): each residual is carried as a double-double and each
 * gradient entry is accurate to about u·|g_j| + (2nu)²·Σ w_i |r_i x_ij|, as if computed in twice the working precision.
 *
 * <p>How it stays fast. Rows are copied a block at a time and transposed, so every loop runs across the rows of the
 * block (long, independent lanes that C2 vectorises) instead of along a short row: the residuals of a block are built
 * column by column, and each sum (gradient, intercept, squares) is kept per row slot of the block, hi and lo, and only
 * reduced when read. Separate row ranges accumulate separately and {@link #merge} adds them, compensated, in a fixed
 * order. Mutable and confined to one thread.
 */
final class RefinementAccumulator {

    /** The block of transposed rows and the per-slot sums take about this many bytes (and a row-major copy more). */
    private static final int BLOCK_BYTES = 1 << 18;

    private final int features;
    private final boolean intercept;
    private final double b;
    private final double[] beta;
    private final int blockRows;
    /** Rows copied from a dataset, row-major; made on the first such copy (fed blocks need none). */
    private double[] rowBlock;
    private final double[][] columns;
    private final double[] residual;
    private final double[] residualLow;
    /** The weights of the block's rows; only set, and only read, when the rows have weights. */
    private final double[] weights;
    /** w·r for weighted rows (high and low parts); unused when every weight is 1. */
    private final double[] weightedHigh;
    private final double[] weightedLow;
    /** Whether the rows being added have unit weights (no weights given). */
    private boolean unitWeights;
    private final double[][] gradientHigh;
    private final double[][] gradientLow;
    private final double[] interceptHigh;
    private final double[] interceptLow;
    private final double[] squaresHigh;
    private final double[] squaresLow;
    private final double[] totals;
    private final double[] totalsLow;

    /**
     * An empty accumulator at θ.
     *
     * @param theta     the parameters, intercept first when fitted; not modified
     * @param intercept whether θ starts with an intercept
     */
    RefinementAccumulator(double[] theta, Intercept intercept) {
        this(theta, intercept, blockRows(theta.length - (intercept == Intercept.FIT ? 1 : 0)));
    }

    /**
     * An empty accumulator at θ whose sums are kept in {@code blockRows} row slots.
     *
     * @param theta     the parameters, intercept first when fitted; not modified
     * @param intercept whether θ starts with an intercept
     * @param blockRows the rows per block and slots per sum, &ge; 1
     */
    RefinementAccumulator(double[] theta, Intercept intercept, int blockRows) {
        this.intercept = intercept == Intercept.FIT;
        int offset = this.intercept ? 1 : 0;
        this.features = theta.length - offset;
        this.b = this.intercept ? theta[0] : 0.0;
        this.beta = Arrays.copyOfRange(theta, offset, theta.length);
        this.blockRows = blockRows;
        this.totals = new double[features + 3];
        this.totalsLow = new double[features + 3];
        this.columns = new double[features][];
        this.gradientHigh = new double[features][];
        this.gradientLow = new double[features][];
        // The arrays the loops run across, one after another and each a whole number of cache lines long (see
        // lineLength), so that they start at the same offset in a line and C2's alignment of one aligns them all.
        int length = lineLength(blockRows);
        this.residual = new double[length];
        this.residualLow = new double[length];
        this.weights = new double[length];
        this.weightedHigh = new double[length];
        this.weightedLow = new double[length];
        this.interceptHigh = new double[length];
        this.interceptLow = new double[length];
        this.squaresHigh = new double[length];
        this.squaresLow = new double[length];
        for (int j = 0; j < features; j++) {
            columns[j] = new double[length];
            gradientHigh[j] = new double[length];
            gradientLow[j] = new double[length];
        }
    }

    /**
     * The length, at least {@code slots}, of a double[] whose 16-byte header (HotSpot's, with compressed class
     * pointers) and values fill whole 64-byte lines. Arrays of that length allocated one after another (HotSpot places
     * a thread's small objects one after another in its allocation buffer) start at the same offset in a line. C2
     * vectorises each loop of {@link #addBlock} with 64-byte vectors and runs a few scalar iterations first to align
     * one of its arrays; the others are then aligned too, and no vector access splits across two lines. Copies of the
     * residual and gradient loops in a timing program, p = 20, 192 slots: 7.1 and 8.8 ms per million rows on one core
     * with lengths of 192, 6.5 and 7.0 with 198 (and the residual's, with its subtractions as FMAs, 6.6 and 5.2). If
     * the allocations are not contiguous, only speed suffers: the padding is never read.
     */
    static int lineLength(int slots) {
        int perLine = 64 / Double.BYTES;
        int headerValues = 16 / Double.BYTES;
        return (slots + headerValues + perLine - 1) / perLine * perLine - headerValues;
    }

    /**
     * The rows per block for p features: about {@value #BLOCK_BYTES} bytes of block and sums, at least 64 rows (C2
     * runs loops shorter than about 24 iterations unvectorised) and at most 512.
     */
    static int blockRows(int features) {
        return Math.max(64, Math.min(512, BLOCK_BYTES / (3 * Double.BYTES * (features + 3))));
    }

    /** Adds rows [from, to) of a dataset, whose target they are fitted to. */
    void add(Dataset data, double[] weightsOrNull, int from, int to) {
        unitWeights = weightsOrNull == null;
        for (int start = from; start < to; start += blockRows) {
            int count = Math.min(blockRows, to - start);
            if (rowBlock == null) {
                rowBlock = new double[features * blockRows];
            }
            data.copyRows(start, count, rowBlock, 0);
            for (int r = 0; r < count; r++) {
                residual[r] = data.target(start + r);
                if (weightsOrNull != null) {
                    weights[r] = weightsOrNull[start + r];
                }
            }
            transpose(rowBlock, 0, count, features);
            addBlock(count);
        }
    }

    /**
     * Adds a block of rows given row-major (p = the number of features per row).
     *
     * @param rowMajor at least count·p values; not modified
     * @param target   at least count values; not modified
     * @param weightsOrNull at least count weights, or null for unit weights; not modified
     * @param count    the number of rows
     */
    void add(double[] rowMajor, double[] target, double[] weightsOrNull, int count) {
        add(rowMajor, target, weightsOrNull, 0, count);
    }

    /**
     * Adds a block of rows given row-major whose targets and weights start at {@code first} in their arrays.
     *
     * @param rowMajor      at least count·p values; not modified
     * @param target        the target of row r of the block at {@code first + r}; not modified
     * @param weightsOrNull the weights, indexed as the target, or null for unit weights; not modified
     * @param first         the index in {@code target} and {@code weightsOrNull} of the block's first row
     * @param count         the number of rows
     */
    void add(double[] rowMajor, double[] target, double[] weightsOrNull, int first, int count) {
        for (int start = 0; start < count; start += blockRows) {
            int rows = Math.min(blockRows, count - start);
            add(rowMajor, start * features, target, first + start, weightsOrNull, first + start, rows);
        }
    }

    /**
     * Adds one block of rows given row-major, as a Gram accumulator reads them for its flat kernel.
     *
     * @param rows          the features, p per row, row r of the block from {@code rowsFrom + r·p}; not modified
     * @param rowsFrom      where the block's first row starts
     * @param target        the target of row r of the block at {@code targetFrom + r}; not modified
     * @param targetFrom    the index in {@code target} of the block's first row
     * @param weightsOrNull the weight of row r of the block at {@code first + r}, or null for unit weights; not
     *                      modified
     * @param first         the index in {@code weightsOrNull} of the block's first row
     * @param count         the number of rows, at most {@link #slots()}
     */
    void add(double[] rows, int rowsFrom, double[] target, int targetFrom, double[] weightsOrNull, int first,
             int count) {
        if (count > blockRows) {
            throw new IllegalArgumentException(count + " rows in a block of " + blockRows);
        }
        unitWeights = weightsOrNull == null;
        for (int r = 0; r < count; r++) {
            residual[r] = target[targetFrom + r];
            if (weightsOrNull != null) {
                weights[r] = weightsOrNull[first + r];
            }
        }
        transpose(rows, rowsFrom, count, features);
        addBlock(count);
    }

    /**
     * Adds the rows of {@link GramKernel}'s block, one array per row, as it holds them before shifting them: the p
     * features, then the target.
     *
     * @param perRow        row r's values in {@code perRow[r]} from index 0; not modified
     * @param weightsOrNull the weight of row r of the block at {@code first + r}, or null for unit weights; not
     *                      modified
     * @param first         the index in {@code weightsOrNull} of the block's first row
     * @param count         the number of rows, at most {@link #slots()}
     */
    void add(double[][] perRow, double[] weightsOrNull, int first, int count) {
        if (count > blockRows) {
            throw new IllegalArgumentException(count + " rows in a block of " + blockRows);
        }
        unitWeights = weightsOrNull == null;
        for (int r = 0; r < count; r++) {
            residual[r] = perRow[r][features];
            if (weightsOrNull != null) {
                weights[r] = weightsOrNull[first + r];
            }
        }
        for (int j = 0; j < features; j++) {
            double[] column = columns[j];
            for (int r = 0; r < count; r++) {
                column[r] = perRow[r][j];
            }
        }
        addBlock(count);
    }

    /**
     * Copies {@code count} rows, from {@code offset} and {@code stride} apart, into the block's columns. One column
     * at a time: a strided read into one array, with its bounds checks hoisted, beats scattering each row over p
     * arrays (the whole pass at 1M x 20 on one thread: 42 ms that way, 35 ms this way).
     */
    private void transpose(double[] source, int offset, int count, int stride) {
        for (int j = 0; j < features; j++) {
            double[] column = columns[j];
            for (int r = 0, i = offset + j; r < count; r++, i += stride) {
                column[r] = source[i];
            }
        }
    }

    /** Block rows [0, count) hold x (transposed), y in {@code residual} and w; adds their sums. */
    private void addBlock(int count) {
        // r = y − b − Σ x_j β_j as residual + residualLow: TwoSum keeps each addition's error, FMA each product's.
        double minusB = -b;
        for (int r = 0; r < count; r++) {
            double s = residual[r];
            double t = s + minusB;
            double z = t - s;
            residualLow[r] = (s - (t - z)) + (minusB - z);
            residual[r] = t;
        }
        // Three of the subtractions as FMAs with a factor of −1 (the same rounding): on AMD Zen additions and FMAs
        // issue on separate pipes, and the loop had twice as many additions as products (the loop alone, p = 20,
        // 192 slots, one core: 6.5 -> 5.7 ms per million rows).
        for (int j = 0; j < features; j++) {
            double coefficient = beta[j];
            double[] x = columns[j];
            for (int r = 0; r < count; r++) {
                double xr = x[r];
                double product = xr * coefficient;
                double productError = Math.fma(xr, coefficient, -product);
                double s = residual[r];
                double t = Math.fma(product, -1.0, s); // s − product
                double z = Math.fma(s, -1.0, t);       // t − s
                residualLow[r] = residualLow[r] + Math.fma(productError, -1.0, (s - (t - z)) + (-product - z));
                residual[r] = t;
            }
        }
        // r renormalised (TwoSum of its two parts); v = w·r as a double-double, r itself for unit weights; then the
        // sums of v and v·r per row slot. One short loop per step: as one loop, C2 left it scalar (4.4 ms per million
        // rows at p = 20 on one core, 0.7 ms split).
        for (int r = 0; r < count; r++) {
            double s = residual[r];
            double c = residualLow[r];
            double rHigh = s + c;
            double z = rHigh - s;
            residualLow[r] = (s - (rHigh - z)) + (c - z);
            residual[r] = rHigh;
        }
        // With unit weights v is r: the operations below give r for w = 1, up to the sign of a zero low part.
        double[] vHigh = residual;
        double[] vLow = residualLow;
        if (!unitWeights) {
            vHigh = weightedHigh;
            vLow = weightedLow;
            for (int r = 0; r < count; r++) {
                double w = weights[r];
                double rHigh = residual[r];
                double v = w * rHigh;
                vLow[r] = Math.fma(w, rHigh, -v) + w * residualLow[r];
                vHigh[r] = v;
            }
        }
        for (int r = 0; r < count; r++) {
            double v = vHigh[r];
            double high = interceptHigh[r];
            double sum = high + v;
            double bent = sum - high;
            interceptLow[r] = interceptLow[r] + (((high - (sum - bent)) + (v - bent)) + vLow[r]);
            interceptHigh[r] = sum;
        }
        for (int r = 0; r < count; r++) {
            double v = vHigh[r];
            double rHigh = residual[r];
            double square = v * rHigh;
            double squareError = Math.fma(v, rHigh, -square) + v * residualLow[r] + vLow[r] * rHigh;
            double high = squaresHigh[r];
            double sum = high + square;
            double bent = sum - high;
            squaresLow[r] = squaresLow[r] + (((high - (sum - bent)) + (square - bent)) + squareError);
            squaresHigh[r] = sum;
        }
        for (int j = 0; j < features; j++) {
            double[] x = columns[j];
            double[] hi = gradientHigh[j];
            double[] lo = gradientLow[j];
            for (int r = 0; r < count; r++) {
                // Written as plain loads and one store per array: C2 (JDK 17) vectorises this form, not "+=".
                double xr = x[r];
                double product = xr * vHigh[r];
                double error = Math.fma(xr, vLow[r], Math.fma(xr, vHigh[r], -product));
                double high = hi[r];
                double sum = high + product;
                double bent = sum - high;
                lo[r] = lo[r] + (((high - (sum - bent)) + (product - bent)) + error);
                hi[r] = sum;
            }
        }
        totals[0] = Double.NaN; // the per-slot sums changed: reduce again when read
    }

    /** Adds another accumulator's sums (compensated, slot by slot); the other is not modified. */
    void merge(RefinementAccumulator other) {
        if (other.blockRows != blockRows || other.features != features) {
            throw new IllegalArgumentException("cannot merge accumulators of different shapes");
        }
        addSlots(interceptHigh, interceptLow, other.interceptHigh, other.interceptLow);
        addSlots(squaresHigh, squaresLow, other.squaresHigh, other.squaresLow);
        for (int j = 0; j < features; j++) {
            addSlots(gradientHigh[j], gradientLow[j], other.gradientHigh[j], other.gradientLow[j]);
        }
        totals[0] = Double.NaN;
    }

    private void addSlots(double[] high, double[] low, double[] otherHigh, double[] otherLow) {
        for (int r = 0; r < blockRows; r++) {
            double h = high[r];
            double sum = h + otherHigh[r];
            double bent = sum - h;
            low[r] += ((h - (sum - bent)) + (otherHigh[r] - bent)) + otherLow[r];
            high[r] = sum;
        }
    }

    /** The number of row slots each sum is kept in (rows i, i + slots, ... share slot i). */
    int slots() {
        return blockRows;
    }

    /** Reduces the per-slot sums (compensated, in slot order) into totals: intercept, squares, then each feature. */
    private void reduce() {
        if (!Double.isNaN(totals[0])) {
            return;
        }
        total(interceptHigh, interceptLow, 1);
        total(squaresHigh, squaresLow, 2);
        for (int j = 0; j < features; j++) {
            total(gradientHigh[j], gradientLow[j], 3 + j);
        }
        totals[0] = 0.0;
    }

    /** Sums the slots into the double-double totals[index] + totalsLow[index], normalised. */
    private void total(double[] high, double[] low, int index) {
        double[] total = new double[2];
        Residuals.addSlotsInOrder(high, low, blockRows, total);
        totals[index] = total[0];
        totalsLow[index] = total[1];
    }

    /** Σ w_i r_i, rounded once. */
    double interceptGradient() {
        reduce();
        return totals[1];
    }

    /** Σ w_i r_i − {@link #interceptGradient()}: the rounding error of the rounded sum. */
    double interceptGradientLow() {
        reduce();
        return totalsLow[1];
    }

    /** Σ w_i r_i², rounded once, &ge; 0. */
    double sumOfSquares() {
        reduce();
        return Math.max(0.0, totals[2]);
    }

    /** Σ w_i r_i x_ij, rounded once. */
    double gradient(int feature) {
        reduce();
        return totals[3 + feature];
    }

    /** Σ w_i r_i x_ij − {@link #gradient(int)}: the rounding error of the rounded sum. */
    double gradientLow(int feature) {
        reduce();
        return totalsLow[3 + feature];
    }
}
