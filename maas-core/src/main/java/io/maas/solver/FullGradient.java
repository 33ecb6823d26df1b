package io.maas.solver;

import io.maas.internal.VectorKernels;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The full-batch cost J(θ) and gradient ∇J(θ) of a {@link Standardized} problem, for every iteration of one fit, and
 * the products ZᵀWZ·v of its step-size estimate: one pass over Z per call, each row read from memory once
 * ({@link GradientKernel}), the rows split into the ranges of {@link RowTasks#ofLinearPass} and run on a
 * {@link RowTasks.Crew} kept for the whole fit.
 *
 * <p>Each range sums into its own slot, padded by a cache line so threads never write the same line, and the slots
 * are added in range order. The split depends only on n and p, so the result is the same to the bit whatever the
 * number of threads and their timing. Nothing is allocated per call. Mutable, owned by the thread of one fit; close it
 * to end the helper threads.
 */
final class FullGradient implements AutoCloseable {

    /** Doubles between the slots of two ranges: one 64-byte cache line. */
    private static final int PAD = 8;

    private final Standardized problem;
    private final double[] z;
    private final double[] weights;
    private final RowTasks tasks;
    private final RowTasks.Crew crew;
    private final int p;
    private final int stride;
    private final double[] slots;
    private final double[] squares;
    private final IntConsumer range = this::range;
    private final VectorKernels vector;
    private final double[] padded;
    private double[] point;
    private double[] target; // the problem's for a gradient, null for ZᵀWZ·v

    /**
     * Starts the helper threads for one fit.
     *
     * @param problem     the standardised problem; read only
     * @param parallelism the largest number of threads to use, the caller's included, &ge; 1
     */
    FullGradient(Standardized problem, int parallelism) {
        this(problem, RowTasks.ofLinearPass(problem.rows(), problem.features()), parallelism);
    }

    /** As {@link #FullGradient(Standardized, int)} with a given split of the rows, for measurements. */
    FullGradient(Standardized problem, RowTasks tasks, int parallelism) {
        this(problem, tasks, parallelism, GramKernel.vectorKernels());
    }

    /**
     * As {@link #FullGradient(Standardized, RowTasks, int)} with a given kernel, for measurements and tests.
     *
     * @param vector the Vector API kernels, or null for the scalar {@link GradientKernel}; used from
     *               {@link GradientKernel#PARTIALS_FROM} columns on, the same bits either way
     */
    FullGradient(Standardized problem, RowTasks tasks, int parallelism, VectorKernels vector) {
        this.problem = problem;
        this.vector = vector != null && vector.hasGradient() && problem.features() >= GradientKernel.PARTIALS_FROM
                ? vector : null;
        this.padded = this.vector == null ? null
                : new double[(problem.features() + GradientKernel.LANES - 1) / GradientKernel.LANES
                        * GradientKernel.LANES];
        this.z = problem.matrix();
        this.weights = problem.weights();
        this.p = problem.features();
        this.tasks = tasks;
        this.stride = p + PAD;
        this.slots = new double[tasks.count() * stride];
        this.squares = new double[tasks.count()];
        this.crew = tasks.crew(parallelism);
    }

    /** The split of the rows, fixed by the shape of the problem. */
    RowTasks tasks() {
        return tasks;
    }

    /**
     * Writes ∇J(θ) into {@code gradient} and returns J(θ).
     *
     * @param theta    θ, p values; read only
     * @param gradient p values, overwritten
     * @return the cost
     */
    double costAndGradient(double[] theta, double[] gradient) {
        double squares = pass(theta, problem.target(), gradient);
        return problem.finish(theta, gradient, squares);
    }

    /**
     * Writes ZᵀWZ·v = Σ w_i (z_iᵀv) z_i into {@code product}.
     *
     * @param v       p values; read only
     * @param product p values, overwritten
     */
    void gramTimes(double[] v, double[] product) {
        pass(v, null, product);
    }

    /** One pass at θ: Σ w_i r_i z_i into sums, r_i = z_iᵀθ − t_i (t = 0 when null); returns Σ w_i r_i². */
    private double pass(double[] theta, double[] t, double[] sums) {
        if (vector != null) {
            System.arraycopy(theta, 0, padded, 0, p); // the vector kernel reads θ a chunk of 8 at a time
            point = padded;
        } else {
            point = theta;
        }
        target = t;
        try {
            crew.forEach(range);
        } finally {
            point = null;
            target = null;
        }
        System.arraycopy(slots, 0, sums, 0, p);
        double sum = squares[0];
        for (int r = 1; r < tasks.count(); r++) {
            int offset = r * stride;
            for (int j = 0; j < p; j++) {
                sums[j] += slots[offset + j];
            }
            sum += squares[r];
        }
        return sum;
    }

    private void range(int t) {
        int offset = t * stride;
        Arrays.fill(slots, offset, offset + p, 0.0);
        squares[t] = vector != null
                ? vector.gradient(z, p, target, weights, point, tasks.from(t), tasks.to(t), slots, offset)
                : GradientKernel.accumulate(z, p, target, weights, point, tasks.from(t), tasks.to(t), slots, offset);
    }

    /** Ends the helper threads. */
    @Override
    public void close() {
        crew.close();
    }
}
