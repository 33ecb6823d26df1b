package io.maas.internal;

/**
 * The least-squares solver's Gram pass, and the gradient pass of its gradient descent, written for explicit vectors.
 * The Gram pass works on a flat layout: the block row-major in one array with a padded stride, G square with the same
 * stride. Implemented by {@code
 * io.maas.internal.vector.VectorApiKernels} with the incubating Vector API, which the solver loads by name when the
 * JVM has the module, so that no other class mentions it. Every method gives the same bits as the scalar code it
 * replaces in the solver's Gram accumulator or gradient: the same operations per element, in the same order.
 * Internal.
 *
 * <p>The refinement pass has no such version: written on the Vector API (fused, or one loop per step) it was 1.1-4.4x
 * slower than the plain loops, which C2 vectorises across the rows of a block.
 */
public interface VectorKernels {

    /**
     * Runs one small operation and checks its result, so that a JVM whose Vector API does not work is found once.
     *
     * @return true if it is right
     */
    boolean probe();

    /**
     * The row stride of a block and of G: q rounded up so that tiles and vectors need no remainder.
     *
     * @param columns q &ge; 1
     * @return the stride, &ge; q
     */
    int stride(int columns);

    /**
     * The length of the square array holding G.
     *
     * @param columns q &ge; 1
     * @return the array length
     */
    int squareLength(int columns);

    /**
     * Each row x of a block becomes √w·(x − c), and w·(x − c) is added to the block's offset sum, row by row in
     * order.
     *
     * @param x       the block, rows {@code stride} apart; updated, the padding stays zero
     * @param count   the number of rows
     * @param stride  the block's stride
     * @param shift   c, at least {@code stride} values, zero beyond q
     * @param offset  the offset sums, at least {@code stride} values; updated
     * @param weights the weights, or null for unit weights
     * @param first   the index in {@code weights} of the block's first row
     */
    void shift(double[] x, int count, int stride, double[] shift, double[] offset, double[] weights, int first);

    /**
     * {@link #shift} of rows given row-major elsewhere, written into the block: row r of the block becomes
     * √w·(a − c), a being the p = q − 1 features in {@code rows} from {@code rowsFrom + r·p}, then
     * {@code target[targetFrom + r]}; the same bits as copying the rows into the block and shifting it there. The
     * block's padding is not written.
     *
     * @param rows       row-major features, p per row; not modified. The kernel may read up to {@code stride} values
     *                   past the last row's features (not using them), so the array must extend that far
     * @param rowsFrom   where the block's first row starts in {@code rows}
     * @param target     the targets; not modified
     * @param targetFrom the index in {@code target} of the block's first row
     * @param columns    q
     * @param x          the block, rows {@code stride} apart, its padding zero; written
     * @param count      the number of rows
     * @param stride     the block's stride
     * @param shift      c, at least {@code stride} values, zero beyond q
     * @param offset     the offset sums, at least {@code stride} values; updated
     * @param weights    the weights, or null for unit weights
     * @param first      the index in {@code weights} of the block's first row
     */
    void shift(double[] rows, int rowsFrom, double[] target, int targetFrom, int columns, double[] x, int count,
               int stride, double[] shift, double[] offset, double[] weights, int first);

    /**
     * Adds Σ x_r x_rᵀ (entries k &le; j) over {@code count} rows of the block to G, each element as the chain of
     * FMAs over the rows in order, as the scalar kernel does.
     *
     * @param block   rows {@code stride} apart, q values each, the padding zero; read only
     * @param count   the number of rows, &ge; 0
     * @param columns q
     * @param square  G, row j at j·stride; entries k &le; j updated, the others scratch
     */
    void addCrossProducts(double[] block, int count, int columns, double[] square);

    /**
     * Adds cross·δδᵀ − downdate·ooᵀ to G: G_jk ← fma(cross·δ_j, δ_k, fma(−downdate·o_j, o_k, G_jk)) for k &le; j.
     *
     * @param square   G, rows stride apart; entries beyond j are scratch and may change
     * @param columns  q
     * @param delta    δ, at least stride values, zero beyond q
     * @param offset   o, at least stride values, zero beyond q
     * @param cross    the factor of δδᵀ
     * @param downdate the factor of −ooᵀ
     */
    void combine(double[] square, int columns, double[] delta, double[] offset, double cross, double downdate);

    /**
     * Whether {@link #gradient} works on this JVM's vectors: 4 or 8 lanes.
     *
     * @return true if the solver may call it
     */
    boolean hasGradient();

    /**
     * Adds Σ w_i r_i z_i over rows [from, to) of a row-major n x p matrix Z to {@code gradient[offset..offset + p)}
     * and returns Σ w_i r_i², r_i = z_iᵀθ − t_i: the same operations in the same order as the solver's scalar
     * gradient kernel ({@code io.maas.solver.GradientKernel}) with eight partial sums per residual, which it uses
     * from 64 columns on, so the same bits.
     *
     * @param z        Z, row-major; read only
     * @param p        the number of columns, &ge; 1
     * @param target   t, n values, or null for t = 0; read only
     * @param weights  w, n values, or null for unit weights; read only
     * @param theta    θ, p values then zeros to a multiple of 8; read only
     * @param from     the first row
     * @param to       one past the last row
     * @param gradient the sums to add to, updated in place
     * @param offset   where this range's p sums start in {@code gradient}
     * @return Σ w_i r_i² over the rows
     */
    double gradient(double[] z, int p, double[] target, double[] weights, double[] theta, int from, int to,
                    double[] gradient, int offset);

    /**
     * Ends a residual's dot product in the order every gradient kernel keeps: adds the row's last {@code rest}
     * (&lt; 8) products to the first partial sums, a_l += z[at + l]·θ[j + l], then returns
     * ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7)). The one definition of that order, so that the scalar and the
     * Vector API kernels cannot drift apart.
     *
     * @param a0    partial sum 0, and so on to {@code a7}
     * @param z     the matrix, row-major; read only
     * @param at    the index of the row's first column after its full chunks of 8
     * @param theta θ; read only
     * @param j     the index in θ of that column
     * @param rest  the columns left, 0 to 7
     * @return the dot product
     */
    static double finishDot(double a0, double a1, double a2, double a3, double a4, double a5, double a6, double a7,
                            double[] z, int at, double[] theta, int j, int rest) {
        switch (rest) {
            case 7:
                a6 += z[at + 6] * theta[j + 6];
                // fall through
            case 6:
                a5 += z[at + 5] * theta[j + 5];
                // fall through
            case 5:
                a4 += z[at + 4] * theta[j + 4];
                // fall through
            case 4:
                a3 += z[at + 3] * theta[j + 3];
                // fall through
            case 3:
                a2 += z[at + 2] * theta[j + 2];
                // fall through
            case 2:
                a1 += z[at + 1] * theta[j + 1];
                // fall through
            case 1:
                a0 += z[at] * theta[j];
                // fall through
            default:
                break;
        }
        return ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7));
    }
}
