package io.maas.solver;

import io.maas.data.Dataset;
import io.maas.internal.VectorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A one-pass, mergeable accumulator of the weighted means and the centred cross-product matrix of the augmented rows
 * (x_i, y_i): M = Σ w_i (a_i − ā)(a_i − ā)ᵀ with a_i = (x_i, y_i) and ā the weighted mean. Memory is O(q² + block)
 * for q = p + 1 columns, whatever the number of rows, so rows may arrive in blocks from any source.
 *
 * <p>Method. Rows are processed in blocks of about 32 KB (at least 120 rows), which stay in the L1 or L2 cache. Each
 * row is copied into the block (with the Vector API kernel, which writes the block itself from one copy of the
 * block's rows) and at once shifted by c, the mean of the rows before (the block's first row for the very first
 * block), and multiplied by √w; {@link GramKernel} (or a {@link VectorKernels}, same bits) adds the
 * block's shifted cross-products G_b = Σ w (a − c)(a − c)ᵀ to M. With
 * o = m_b − c the block's mean offset, its centred cross-products are M_b = G_b − W_b·o·oᵀ, and the block joins
 * everything before it by the parallel-axis update of Chan, Golub and LeVeque (Algorithms for computing the sample
 * variance, Am. Stat. 37(3), 1983), weighted: with δ = m_b − m_a,
 * <pre>
 *   M = M_a + M_b + (W_a·W_b / W)·δδᵀ,   m = m_a + (W_b / W)·δ,   W = W_a + W_b.
 * </pre>
 * Two accumulators of disjoint rows {@link #merge merge} by the same update, exact in exact arithmetic: this is how
 * the rows of one fit are split among threads (a fixed partition merged in a fixed order, so the answer does not
 * depend on timing), and how a later out-of-core or distributed fit combines chunks.
 *
 * <p>Accuracy. Centering before multiplying is what keeps the Gram matrix accurate: each shifted value a − c rounds
 * relative to itself (about the spread of the data, c being a mean or a data value), so the error of M_jk is about
 * √(chain)·u·√(M_jj·M_kk) for realistic rounding, chain being the number of additions into one entry, instead of
 * u·Σ a_j² for the uncentred Gram of [1 X]. The downdate W_b·o·oᵀ is small against G_b (o is a difference of means,
 * about the spread over √(block rows); one spread for the first block), so it cancels at most a bit. The mean is
 * kept as the pair (shift, offset) and differences of means are formed as (c_b − c_a) + (o_b − o_a), so a large
 * common offset (timestamps, NIST Longley) does not leak u·|mean| errors into the cross-products. A column whose
 * weighted values are all equal has M_jj = 0 exactly (every shift is then that value and every offset 0), which lets
 * the solver find constant columns without a test per value.
 *
 * <p>Mutable and confined to one thread; the solver keeps one per row range and merges them in order.
 */
final class GramAccumulator {

    /**
     * Bytes of one block of rows: within a 32-48 KB L1 cache. In an alternated comparison of the 1M x 20 Gram pass
     * against 128 KB blocks (two runs each), neither kernel was slower and the plain one was up to a fifth faster;
     * from q = 34 on the 120-row minimum rules.
     */
    private static final int BLOCK_BYTES = 1 << 15;

    private final int columns;
    private final int blockRows;
    /** The block for {@link GramKernel}: one array per row. Null when {@link #vector} is used. */
    private final double[][] block;
    /** The flat kernel, or null for {@link GramKernel}. */
    private final VectorKernels flat;
    /** The block for the flat kernel: rows {@link #stride} apart. Null when {@link #block} is used. */
    private final double[] flatBlock;
    /**
     * For the flat kernel, a block of a dataset's rows as it stores them (p per row) and their targets, read in one
     * copy: the kernel shifts them into {@link #flatBlock}. Null for {@link GramKernel}.
     */
    private final double[] rowsRead;
    private final double[] targetsRead;
    private final int stride;
    private final double[] blockShift;
    private final double[] blockOffset;
    private final double[] delta;
    private final double[] shift;
    private final double[] offset;
    /** M's lower triangle for {@link GramKernel}, row j of length j + 1; null when {@link #vector} is used. */
    private final double[][] lower;
    /** M for the flat kernel: row j at j·{@link #stride}, entries k &le; j meaningful; else null. */
    private final double[] square;
    private double weight;
    private double blockWeight;
    private long rows;

    /**
     * An empty accumulator.
     *
     * @param columns q, the number of values per augmented row (features, then the target), &ge; 1
     */
    GramAccumulator(int columns) {
        this(columns, GramKernel.vectorKernels());
    }

    /**
     * An empty accumulator using the given kernel; {@link GramKernel} and any flat kernel give the same bits.
     *
     * @param columns q &ge; 1
     * @param flat    the flat kernel to use, or null for {@link GramKernel}
     */
    GramAccumulator(int columns, VectorKernels flat) {
        this.columns = columns;
        this.blockRows = blockRows(columns);
        this.flat = flat;
        this.stride = flat == null ? 0 : flat.stride(columns);
        if (flat == null) {
            this.block = new double[blockRows][columns];
            this.flatBlock = null;
            this.lower = new double[columns][];
            for (int j = 0; j < columns; j++) {
                lower[j] = new double[j + 1];
            }
            this.square = null;
            this.rowsRead = null;
            this.targetsRead = null;
        } else {
            this.block = null;
            this.flatBlock = new double[blockRows * stride];
            this.rowsRead = new double[blockRows * (columns - 1) + stride]; // the kernel reads past the last row
            this.targetsRead = new double[blockRows];
            this.lower = null;
            this.square = new double[flat.squareLength(columns)];
        }
        // Padded to the block's stride for the flat kernel's shift and combine; the padding stays zero.
        int padded = Math.max(columns, stride);
        this.blockShift = new double[padded];
        this.blockOffset = new double[padded];
        this.delta = new double[padded];
        this.shift = new double[padded];
        this.offset = new double[padded];
    }

    /**
     * Rows per block: about {@value #BLOCK_BYTES} bytes, a multiple of the kernel's row group, and at least 120 rows
     * so that the O(q²) merge of a block stays small against its n_b·q²/2 multiply-adds.
     */
    static int blockRows(int columns) {
        int rows = Math.max(120, Math.min(1020, BLOCK_BYTES / (Double.BYTES * columns)));
        return rows - rows % 12; // a multiple of every row group of the kernel
    }

    /**
     * Adds rows [from, to) of a dataset, each with its target appended.
     *
     * @param data    the features and the target; not modified
     * @param weights n weights, or null for unit weights; not modified
     */
    void add(Dataset data, double[] weights, int from, int to) {
        add(data, weights, from, to, null);
    }

    /**
     * Adds rows [from, to) of a dataset as {@link #add(Dataset, double[], int, int)} does (the same bits), and each
     * block's rows to {@code refinement} too, as read, before they are shifted: one read of the rows, and one copy,
     * for both sums.
     *
     * @param refinement the refinement sums to feed, with at least {@link #blockRows(int)} rows per block, or null
     */
    void add(Dataset data, double[] weights, int from, int to, RefinementAccumulator refinement) {
        int features = columns - 1;
        for (int start = from; start < to; start += blockRows) {
            int count = Math.min(blockRows, to - start);
            if (flat != null) {
                // One copy of the block's rows, which the kernel shifts into its padded block as it reads them. A
                // copy per row into that block cost about 8 ns a row on top; the 1M x 20 fit on two threads took
                // 0.86-0.88 of the time without it (one JVM, 60 fits alternated, either order first).
                data.copyRows(start, count, rowsRead, 0);
                for (int r = 0; r < count; r++) {
                    targetsRead[r] = data.target(start + r);
                }
                if (refinement != null) {
                    refinement.add(rowsRead, 0, targetsRead, 0, weights, start, count);
                }
                shiftRows(rowsRead, 0, targetsRead, 0, count, weights, start);
                endBlock(count);
                continue;
            }
            for (int r = 0; r < count; r++) {
                data.copyRow(start + r, block[r], 0);
                block[r][features] = data.target(start + r);
            }
            if (refinement != null) {
                refinement.add(block, weights, start, count);
            }
            shiftBlock(count, weights, start);
            endBlock(count);
        }
    }

    /**
     * Adds a block of rows given row-major: the entry for a future "fit from an iterator of row blocks", so a
     * streaming reader only has to feed its blocks here (and merge accumulators of separate chunks).
     *
     * @param features row-major features, at least count·p values (p = columns − 1); not modified
     * @param target   at least {@code count} target values; not modified
     * @param weights  at least {@code count} weights &ge; 0, or null for unit weights; not modified
     * @param count    the number of rows, &ge; 0
     * @throws IllegalArgumentException if an array is too short
     */
    void add(double[] features, double[] target, double[] weights, int count) {
        add(features, target, weights, 0, count);
    }

    /**
     * Adds a block of rows given row-major whose targets and weights start at {@code first} in their arrays. Blocks
     * are cut from the block's first row, so rows added a multiple of {@link #blockRows(int)} at a time are cut as
     * {@link #add(Dataset, double[], int, int)} cuts them: the same bits.
     *
     * @param features row-major features of the block, at least count·p values (p = columns − 1); not modified
     * @param target   the target of row r of the block at {@code first + r}; not modified
     * @param weights  the weights, indexed as the target, or null for unit weights; not modified
     * @param first    the index in {@code target} and {@code weights} of the block's first row, &ge; 0
     * @param count    the number of rows, &ge; 0
     * @throws IllegalArgumentException if an array is too short
     */
    void add(double[] features, double[] target, double[] weights, int first, int count) {
        int p = columns - 1;
        if (count < 0 || first < 0 || features.length < (long) count * p || target.length < (long) first + count
                || weights != null && weights.length < (long) first + count) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a block of %d rows x %d features from row %d needs %d feature values and %d targets but got "
                            + "%d and %d", count, p, first, (long) count * p, (long) first + count, features.length,
                    target.length));
        }
        for (int start = 0; start < count; start += blockRows) {
            int rowsInBlock = Math.min(blockRows, count - start);
            // A copy per row even for the flat kernel: its shift from the rows reads past a block's last row, and
            // the caller's array may end there.
            for (int r = 0; r < rowsInBlock; r++) {
                double[] x = blockRow(r);
                int at = blockStart(r);
                System.arraycopy(features, (start + r) * p, x, at, p);
                x[at + p] = target[first + start + r];
            }
            shiftBlock(rowsInBlock, weights, first + start);
            endBlock(rowsInBlock);
        }
    }

    /** The array holding row j of M. */
    private double[] row(int j) {
        return flat == null ? lower[j] : square;
    }

    /** Where row j of M starts in {@link #row(int)}. */
    private int base(int j) {
        return flat == null ? 0 : j * stride;
    }

    /** The array holding row r of the block. */
    private double[] blockRow(int r) {
        return flat == null ? block[r] : flatBlock;
    }

    /** Where row r of the block starts in {@link #blockRow(int)}. */
    private int blockStart(int r) {
        return flat == null ? 0 : r * stride;
    }

    /**
     * Chooses the block's shift c: the mean so far, or, while nothing has weight, the block's first row: its features
     * from {@code features[at]} on, then {@code target}.
     */
    private void startBlock(double[] features, int at, double target) {
        int p = columns - 1;
        for (int j = 0; j < columns; j++) {
            blockShift[j] = weight > 0 ? shift[j] + offset[j] : j < p ? features[at + j] : target;
        }
        Arrays.fill(blockOffset, 0.0);
        blockWeight = 0;
    }

    /**
     * Adds the block's weight, the sum of its rows' weights in order; without weights, the count, which is what adding
     * 1.0 count times gives exactly (a chain of dependent adds cost 2 % of the 1M x 20 fit's samples).
     */
    private void addBlockWeight(int count, double[] weights, int first) {
        if (weights == null) {
            blockWeight += count;
            return;
        }
        for (int r = 0; r < count; r++) {
            blockWeight += weights[first + r];
        }
    }

    /**
     * What {@link #shiftBlock} does for rows given row-major elsewhere (features from {@code rowsFrom}, p per row,
     * targets from {@code targetFrom}), the flat kernel writing them shifted into its block: the same bits.
     */
    private void shiftRows(double[] rows, int rowsFrom, double[] target, int targetFrom, int count, double[] weights,
                           int first) {
        startBlock(rows, rowsFrom, target[targetFrom]);
        addBlockWeight(count, weights, first);
        flat.shift(rows, rowsFrom, target, targetFrom, columns, flatBlock, count, stride, blockShift, blockOffset,
                weights, first);
    }

    /**
     * Chooses the block's shift c (see {@link #startBlock}), then replaces each of its rows a by √w·(a − c), adding
     * w·(a − c) to the block's offset sum, row by row in order.
     *
     * @param count   the rows in the block, &ge; 1
     * @param weights the weights, or null for unit weights
     * @param first   the index in {@code weights} of the block's first row
     */
    private void shiftBlock(int count, double[] weights, int first) {
        startBlock(blockRow(0), blockStart(0), blockRow(0)[blockStart(0) + columns - 1]);
        addBlockWeight(count, weights, first);
        if (flat != null) {
            flat.shift(flatBlock, count, stride, blockShift, blockOffset, weights, first);
            return;
        }
        for (int r = 0; r < count; r++) {
            double[] x = block[r];
            double w = weights == null ? 1.0 : weights[first + r];
            double root = Math.sqrt(w);
            for (int j = 0; j < columns; j++) {
                double dx = x[j] - blockShift[j];
                blockOffset[j] = Math.fma(w, dx, blockOffset[j]);
                x[j] = dx * root;
            }
        }
    }

    private void endBlock(int count) {
        rows += count;
        if (!(blockWeight > 0)) {
            return; // rows of weight zero add nothing
        }
        if (flat != null) {
            flat.addCrossProducts(flatBlock, count, columns, square);
        } else {
            int group = GramKernel.rowsPerPass(columns);
            int padded = (count + group - 1) / group * group;
            for (int r = count; r < padded; r++) {
                Arrays.fill(block[r], 0.0); // zero rows add nothing: fma(0, 0, g) is g
            }
            GramKernel.addCrossProducts(block, padded, columns, lower);
        }
        for (int j = 0; j < columns; j++) {
            blockOffset[j] /= blockWeight;
        }
        // M_b = G_b − W_b·o·oᵀ is the block's own centred cross-products; combine adds the parallel-axis term in the
        // same pass over M.
        combine(blockShift, blockOffset, blockWeight, blockWeight);
    }

    /**
     * Adds the rows of another accumulator (disjoint from this one's); the other is not modified.
     *
     * @param other an accumulator with the same number of columns
     */
    void merge(GramAccumulator other) {
        Objects.requireNonNull(other, "other");
        if (other.columns != columns) {
            throw new IllegalArgumentException("cannot merge " + other.columns + " columns into " + columns);
        }
        rows += other.rows;
        if (!(other.weight > 0)) {
            return;
        }
        for (int j = 0; j < columns; j++) {
            double[] target = row(j);
            int at = base(j);
            double[] source = other.row(j);
            int from = other.base(j);
            for (int k = 0; k <= j; k++) {
                target[at + k] += source[from + k];
            }
        }
        combine(other.shift, other.offset, other.weight, 0.0);
    }

    /**
     * The parallel-axis update for rows of mean shift + offset and total weight whose cross-products are already in
     * M, less downdate·o·oᵀ with o = the rows' offset (for a block, whose products were taken about its shift).
     */
    private void combine(double[] otherShift, double[] otherOffset, double otherWeight, double downdate) {
        double total = weight + otherWeight;
        double share = otherWeight / total;
        double cross = weight * share;
        for (int j = 0; j < columns; j++) {
            // With nothing before (weight 0), cross is 0 and the mean becomes the other's: δ is then irrelevant.
            delta[j] = weight > 0 ? (otherShift[j] - shift[j]) + (otherOffset[j] - offset[j]) : 0.0;
        }
        if (flat != null && otherOffset.length >= stride) {
            flat.combine(square, columns, delta, otherOffset, cross, downdate);
        } else {
            combineScalar(otherOffset, cross, downdate);
        }
        if (weight > 0) {
            for (int j = 0; j < columns; j++) {
                offset[j] = Math.fma(share, delta[j], offset[j]);
            }
        } else {
            System.arraycopy(otherShift, 0, shift, 0, columns);
            System.arraycopy(otherOffset, 0, offset, 0, columns);
        }
        weight = total;
    }

    private void combineScalar(double[] otherOffset, double cross, double downdate) {
        for (int j = 0; j < columns; j++) {
            double scaledDelta = cross * delta[j];
            double scaledOffset = -downdate * otherOffset[j];
            double[] row = row(j);
            int at = base(j);
            for (int k = 0; k <= j; k++) {
                row[at + k] = Math.fma(scaledDelta, delta[k], Math.fma(scaledOffset, otherOffset[k], row[at + k]));
            }
        }
    }

    /** q, the number of columns: the features, then the target. */
    int columns() {
        return columns;
    }

    /** The number of rows added, including rows of weight zero. */
    long rows() {
        return rows;
    }

    /** W, the sum of the weights. */
    double weight() {
        return weight;
    }

    /** The weighted mean of column j (the target is column q − 1), rounded to double. */
    double mean(int column) {
        return shift[column] + offset[column];
    }

    /** The weighted mean of column j minus {@link #mean(int)}: the rounding error of the rounded mean. */
    double meanLow(int column) {
        double mean = shift[column] + offset[column];
        double z = mean - shift[column];
        return (shift[column] - (mean - z)) + (offset[column] - z);
    }

    /** M_jk for k &le; j: the centred, weighted cross-product of columns j and k. */
    double centred(int j, int k) {
        return row(j)[base(j) + k];
    }

    /** Whether every entry of M and every mean is finite (false when squares overflowed). */
    boolean isFinite() {
        for (int j = 0; j < columns; j++) {
            if (!Double.isFinite(mean(j))) {
                return false;
            }
            for (int k = 0; k <= j; k++) {
                if (!Double.isFinite(centred(j, k))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The feature columns (not the target) that may be constant: every column whose weighted values are all equal is
     * among them (its M_jj is exactly 0), and so is any column whose spread is within a few ulps of its mean. The
     * caller decides on the raw values.
     */
    List<Integer> possiblyConstantColumns() {
        List<Integer> suspects = new ArrayList<>();
        for (int j = 0; j < columns - 1; j++) {
            double ulps = 64 * 0x1p-53 * Math.abs(mean(j));
            if (!(centred(j, j) > weight * ulps * ulps)) {
                suspects.add(j);
            }
        }
        return suspects;
    }
}
