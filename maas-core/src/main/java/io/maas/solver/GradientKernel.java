package io.maas.solver;

import io.maas.internal.VectorKernels;

/**
 * The inner loop of the full-batch least-squares gradient: over rows [from, to) of a row-major n x p matrix Z, the
 * residuals r_i = z_iᵀθ − t_i, the sum Σ w_i r_i² and the gradient part Σ w_i r_i z_i, reading each row from memory
 * once.
 *
 * <p>Why this shape. The rows go four at a time: their four residuals are four independent chains of multiply-adds
 * along the row (one chain per row would wait on the adder's latency at every column), then the same four rows, still
 * in L1, update the gradient in one sweep, g_j += (r_0 z_0j + r_1 z_1j) + (r_2 z_2j + r_3 z_3j), so g is loaded and
 * stored once per four rows. Four rows with θ and g take 48·p bytes: in the 32 KB L1 up to p ≈ 650, in the 512 KB L2 up
 * to p ≈ 10,000, beyond which the second read of a row comes from L3 rather than memory. Measured slower: groups of
 * eight rows, two chains per row over even and odd columns, and copying the four rows into separate arrays so that C2
 * vectorises the sweep (the copy costs what the sweep saves). Plain multiply and add, not {@link Math#fma}: the
 * residual chains then wait on the adder's latency, shorter than the fused unit's; as fast up to p = 100 and about 10 %
 * faster at p = 500 on the reference machine (GradientDescentEpochBenchmark, one thread), and no slow software fallback
 * where the CPU has no FMA. The order of every operation is fixed, so the result depends only on the rows given, never
 * on timing.
 *
 * <p>From {@value #PARTIALS_FROM} columns on, each residual is instead summed in eight partial sums, column j into
 * sum j mod 8, added by a fixed tree at the end of the row ({@link #dot}). Eight chains per row keep the adder busy
 * without interleaving rows, and an 8-lane vector holds them: {@code VectorApiKernels.gradient} does the same
 * operations in the same order, so with {@code --add-modules jdk.incubator.vector} the bits do not change. Below that
 * the tree and the per-row reload of θ cost more than they save, in both kernels (GradientDescentEpochBenchmark, one
 * thread, 300k rows: at p = 32 the chained kernel 5.5 ms, eight partial sums 6.8 ms scalar and 3.8 ms vector; at
 * p = 20 the vector kernel only matches the chained one, its per-row tree and tail costing what its loads save;
 * at p = 64 15.2 ms chained, 12.3 and 8.9 ms with partial sums). Tried and dropped below 64 columns: the chained
 * residuals with the sweep on vectors (the same bits), 20 % faster at 100k x 10 but 13 % slower at 1M x 20 on two
 * threads (alternated runs, 1 fork x 5 iterations each, twice).
 */
final class GradientKernel {

    /** The partial sums of a residual's dot product, fixed so that every kernel can keep the same order. */
    static final int LANES = 8;

    /** From this many columns on, each residual is summed in {@value #LANES} partial sums. */
    static final int PARTIALS_FROM = 64;

    private GradientKernel() {
    }

    /**
     * Adds Σ w_i r_i z_i over rows [from, to) to {@code gradient[offset..offset + p)} and returns Σ w_i r_i².
     *
     * @param z        the n x p matrix, row-major; read only
     * @param p        the number of columns, &ge; 1
     * @param target   t, n values, or null for t = 0; read only
     * @param weights  w, n values, or null for unit weights; read only
     * @param theta    θ, p values; read only
     * @param from     the first row
     * @param to       one past the last row
     * @param gradient the sums to add to, updated in place
     * @param offset   where this range's p sums start in {@code gradient}
     * @return Σ w_i r_i² over the rows
     */
    static double accumulate(double[] z, int p, double[] target, double[] weights, double[] theta, int from, int to,
                             double[] gradient, int offset) {
        boolean partials = p >= PARTIALS_FROM;
        double sum = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int b0 = i * p;
            int b1 = b0 + p;
            int b2 = b1 + p;
            int b3 = b2 + p;
            double r0;
            double r1;
            double r2;
            double r3;
            if (partials) {
                r0 = dot(z, b0, theta, p);
                r1 = dot(z, b1, theta, p);
                r2 = dot(z, b2, theta, p);
                r3 = dot(z, b3, theta, p);
            } else {
                // Four chains along the rows, each θ_j loaded once for the four.
                r0 = 0;
                r1 = 0;
                r2 = 0;
                r3 = 0;
                for (int j = 0; j < p; j++) {
                    double c = theta[j];
                    r0 += z[b0 + j] * c;
                    r1 += z[b1 + j] * c;
                    r2 += z[b2 + j] * c;
                    r3 += z[b3 + j] * c;
                }
            }
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
            for (int j = 0; j < p; j++) {
                gradient[offset + j] += (r0 * z[b0 + j] + r1 * z[b1 + j]) + (r2 * z[b2 + j] + r3 * z[b3 + j]);
            }
        }
        for (; i < to; i++) {
            int b = i * p;
            double r;
            if (partials) {
                r = dot(z, b, theta, p);
            } else {
                r = 0;
                for (int j = 0; j < p; j++) {
                    r += z[b + j] * theta[j];
                }
            }
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
     * z_iᵀθ for the row at {@code base}, in the order every kernel keeps: eight partial sums, a_l over the columns
     * j &equiv; l (mod 8) in turn, each term z_ij·θ_j rounded and then added, then
     * {@link VectorKernels#finishDot}.
     *
     * @param z     the matrix, row-major; read only
     * @param base  the index of the row's first value
     * @param theta θ, at least p values; read only
     * @param p     the number of columns
     * @return the dot product
     */
    static double dot(double[] z, int base, double[] theta, int p) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        double a4 = 0;
        double a5 = 0;
        double a6 = 0;
        double a7 = 0;
        int j = 0;
        for (; j + LANES <= p; j += LANES) {
            int at = base + j;
            a0 += z[at] * theta[j];
            a1 += z[at + 1] * theta[j + 1];
            a2 += z[at + 2] * theta[j + 2];
            a3 += z[at + 3] * theta[j + 3];
            a4 += z[at + 4] * theta[j + 4];
            a5 += z[at + 5] * theta[j + 5];
            a6 += z[at + 6] * theta[j + 6];
            a7 += z[at + 7] * theta[j + 7];
        }
        return VectorKernels.finishDot(a0, a1, a2, a3, a4, a5, a6, a7, z, base + j, theta, j, p - j);
    }
}
