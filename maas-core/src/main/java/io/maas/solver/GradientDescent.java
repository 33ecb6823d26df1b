package io.maas.solver;

import io.maas.data.Dataset;
import io.maas.internal.SplitMix64;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Gradient descent on the least-squares cost J(θ) = 1/(2m) Σ w_i (θᵀx_i + b − y_i)² (+ λ‖θ‖²/(2m) with a ridge
 * penalty), m = Σ w_i. Usable on its own and as the fallback of {@link LeastSquares}. Immutable and safe to share.
 *
 * <p>Method. Features are standardised internally (weighted mean and population standard deviation, or the root
 * mean square without an intercept) for conditioning, and the coefficients are mapped back to the original units.
 * With centred features the optimal intercept is ȳ_w exactly, so only θ is iterated. The default step is 1/L, with
 * L the largest eigenvalue of ZᵀWZ/m (plus the ridge term) estimated by power iteration; a fixed learning rate may be
 * set instead. Nesterov momentum with adaptive restart is optional. Mini-batch (and stochastic, batch size 1)
 * variants shuffle the rows every epoch with a seeded SplitMix64 and may decay the rate as η/(1 + decay·epoch).
 * Nothing of size p x p is ever formed, so p may be larger than the direct solver allows.
 *
 * <p>Cost: each iteration of full-batch descent, and the convergence check of every mini-batch epoch, is one pass
 * over the standardised n x p copy of X, each row read from memory once, split over {@link Builder#parallelism}
 * threads in row ranges fixed by n and p and merged in a fixed order, so the coefficients do not depend on the number
 * of threads, to the bit. Small problems stay on the calling thread. Memory: the copy (8·n·p bytes) and O(p) per row
 * range.
 *
 * <p>Stopping: converged when ‖∇J(θ)‖ / ‖∇J(0)‖ &le; the gradient tolerance (checked on the full gradient every
 * iteration or epoch), or, when a cost tolerance is set, when the relative decrease of J in one iteration is at most
 * that tolerance. Reaching the iteration limit or a listener's cancel is reported as {@code converged = false} with
 * the reason, or thrown as {@link ConvergenceException} when {@link Builder#failIfNotConverged()} is set. A cost that
 * grows without bound always throws. The cost after every iteration is kept in
 * {@link FitDiagnostics#costHistory()}.
 */
public final class GradientDescent implements LinearSolver {

    /** Momentum schemes. */
    public enum Momentum {
        /** Plain gradient steps. */
        NONE,
        /** Nesterov's accelerated gradient, momentum (k − 1)/(k + 2), restarted whenever the cost goes up. */
        NESTEROV
    }

    private final Intercept intercept;
    private final double ridge;
    private final double learningRate; // 0: automatic, 1/L
    private final double learningRateDecay;
    private final Momentum momentum;
    private final int batchSize; // 0: full batch
    private final long seed;
    private final int maxIterations;
    private final double gradientTolerance;
    private final double costTolerance;
    private final boolean failIfNotConverged;
    private final IterationListener listener;
    private final int parallelism; // 0: the available processors at each fit

    private GradientDescent(Builder b) {
        this.intercept = b.intercept;
        this.ridge = b.ridge;
        this.learningRate = b.learningRate;
        this.learningRateDecay = b.learningRateDecay;
        this.momentum = b.momentum;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.maxIterations = b.maxIterations;
        this.gradientTolerance = b.gradientTolerance;
        this.costTolerance = b.costTolerance;
        this.failIfNotConverged = b.failIfNotConverged;
        this.listener = b.listener;
        this.parallelism = b.parallelism;
    }

    /**
     * Returns a builder with the defaults: intercept fitted, no penalty, full batch, step 1/L, no momentum, at most
     * 10,000 iterations, gradient tolerance 1e-10, no cost tolerance, non-convergence reported on the result.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits by gradient descent, unweighted.
     *
     * @param data the training data; not modified
     * @return the parameters and diagnostics (iterations, converged, cost history); no inference statistics
     * @throws ConvergenceException if the cost diverges, or it did not converge and failing was requested
     */
    @Override
    public LinearSolution solve(Dataset data) {
        return solve(data, null);
    }

    /**
     * Fits by gradient descent, minimising the weighted cost.
     *
     * @param data          the training data; not modified
     * @param sampleWeights n finite weights &ge; 0 with a positive sum (not modified), or null for unit weights
     * @return the parameters and diagnostics
     * @throws IllegalArgumentException if the weights are invalid
     * @throws ConvergenceException     if the cost diverges, or it did not converge and failing was requested
     */
    public LinearSolution solve(Dataset data, double[] sampleWeights) {
        Problem problem = LeastSquares.problem(data, sampleWeights, intercept, ridge);
        return solve(problem, new ArrayList<>(), System.nanoTime());
    }

    Intercept intercept() {
        return intercept;
    }

    double ridge() {
        return ridge;
    }

    LinearSolution solve(Problem problem, List<String> notes, long start) {
        Standardized z = Standardized.of(problem, notes);
        try (FullGradient full = new FullGradient(z, threads())) {
            double step = learningRate > 0 ? learningRate : 1.0 / z.lipschitz(full);
            return descend(problem, z, full, step, notes, start);
        }
    }

    private int threads() {
        return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
    }

    private LinearSolution descend(Problem problem, Standardized z, FullGradient full, double step,
                                   List<String> notes, long start) {
        int n = problem.rows();
        int p = problem.features();
        double[] theta = new double[p];
        double[] previous = new double[p];
        double[] point = new double[p];
        double[] gradient = new double[p];
        double[] result = new double[p];
        double[] history = new double[maxIterations];
        int[] order = batchSize > 0 ? identity(n) : null;
        SplitMix64 random = new SplitMix64(seed);
        double initialGradient = Double.NaN;
        double lastCost = Double.POSITIVE_INFINITY;
        String reason = null;
        boolean converged = false;
        int iteration = 0;
        double restartAt = 1;
        while (iteration < maxIterations) {
            iteration++;
            double[] at = theta;
            if (momentum == Momentum.NESTEROV && batchSize == 0) {
                double beta = (iteration - restartAt) / (iteration - restartAt + 3);
                for (int j = 0; j < p; j++) {
                    point[j] = theta[j] + beta * (theta[j] - previous[j]);
                }
                at = point;
            }
            double cost = full.costAndGradient(at, gradient);
            double gradientNorm = norm(gradient);
            if (Double.isNaN(initialGradient)) {
                initialGradient = gradientNorm;
            }
            history[iteration - 1] = cost;
            if (!Double.isFinite(cost) || cost > 1e300) {
                throw new ConvergenceException(String.format(Locale.ROOT, "gradient descent diverged: the cost "
                        + "reached %s at iteration %d with step %.3g; use a smaller learning rate", cost, iteration,
                        step), diagnostics(problem, iteration, false, "diverged", 0, history, notes, start, step));
            }
            double relative = initialGradient > 0 ? gradientNorm / initialGradient : 0.0;
            System.arraycopy(at, 0, result, 0, p);
            if (relative <= gradientTolerance) {
                converged = true;
                reason = String.format(Locale.ROOT, "relative gradient norm %.2e <= %.0e", relative,
                        gradientTolerance);
                break;
            }
            if (costTolerance > 0 && lastCost - cost >= 0 && (lastCost - cost) <= costTolerance * lastCost) {
                converged = true;
                reason = String.format(Locale.ROOT, "relative cost decrease %.2e <= %.0e (relative gradient norm "
                        + "%.2e)", (lastCost - cost) / lastCost, costTolerance, relative);
                break;
            }
            if (listener != null
                    && listener.onIteration(iteration, cost, relative) == IterationListener.Decision.CANCEL) {
                reason = "cancelled by the listener";
                break;
            }
            if (momentum == Momentum.NESTEROV && cost > lastCost) {
                restartAt = iteration; // adaptive restart (O'Donoghue and Candès, 2015)
            }
            lastCost = cost;
            double rate = step / (1.0 + learningRateDecay * (iteration - 1));
            if (batchSize == 0) {
                System.arraycopy(theta, 0, previous, 0, p);
                for (int j = 0; j < p; j++) {
                    theta[j] = at[j] - rate * gradient[j];
                }
            } else {
                random.shuffle(order, 0, n);
                for (int from = 0; from < n; from += batchSize) {
                    z.batchStep(theta, order, from, Math.min(n, from + batchSize), rate, gradient);
                }
            }
        }
        if (reason == null) {
            reason = String.format(Locale.ROOT, "reached maxIterations %d with relative gradient norm %.2e > %.0e",
                    maxIterations, relativeGradient(full, theta, gradient, initialGradient), gradientTolerance);
        }
        double[] parameters = z.toOriginalUnits(result);
        double sse = Residuals.sumOfSquares(problem, parameters, new double[parameters.length]);
        double[] costs = java.util.Arrays.copyOf(history, iteration);
        FitDiagnostics diagnostics = new FitDiagnostics(describe(step), Precision.DOUBLE, problem.rows(),
                problem.parameters(), OptionalInt.empty(), OptionalDouble.empty(), iteration, converged, reason,
                LeastSquares.cost(problem, parameters, sse), costs, notes,
                Duration.ofNanos(System.nanoTime() - start));
        if (!converged && failIfNotConverged) {
            throw new ConvergenceException("gradient descent did not converge: " + reason, diagnostics);
        }
        return LeastSquares.solution(problem, parameters, diagnostics, Optional.empty());
    }

    /** ‖∇J(θ)‖ / initial, using gradient as scratch. */
    private static double relativeGradient(FullGradient full, double[] theta, double[] gradient, double initial) {
        full.costAndGradient(theta, gradient);
        return initial > 0 ? norm(gradient) / initial : 0.0;
    }

    private FitDiagnostics diagnostics(Problem problem, int iterations, boolean converged, String reason,
                                       double cost, double[] history, List<String> notes, long start, double step) {
        double[] finite = java.util.Arrays.stream(history, 0, iterations).filter(Double::isFinite).toArray();
        return new FitDiagnostics(describe(step), Precision.DOUBLE, problem.rows(), problem.parameters(),
                OptionalInt.empty(), OptionalDouble.empty(), iterations, converged, reason, cost, finite, notes,
                Duration.ofNanos(System.nanoTime() - start));
    }

    private String describe(double step) {
        return String.format(Locale.ROOT, "gradient descent (%s, step %s%.3g%s)",
                batchSize == 0 ? "full batch" : "mini-batch " + batchSize + ", seed " + seed,
                learningRate > 0 ? "" : "1/L = ", step,
                momentum == Momentum.NESTEROV && batchSize == 0 ? ", Nesterov" : "");
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    static double norm(double[] values) {
        return DoubleQrSolve.norm(values, 0, values.length);
    }

    /**
     * Returns a description of the options.
     *
     * @return for example {@code GradientDescent[full batch, step=1/L, momentum=NONE, maxIterations=10000]}
     */
    @Override
    public String toString() {
        return "GradientDescent[" + (batchSize == 0 ? "full batch" : "mini-batch " + batchSize) + ", step="
                + (learningRate > 0 ? learningRate : "1/L") + ", momentum=" + momentum + ", maxIterations="
                + maxIterations + ", gradientTolerance=" + gradientTolerance + "]";
    }

    /** Builds a {@link GradientDescent}; each option method checks its argument at once. Not thread-safe. */
    public static final class Builder {

        private Intercept intercept = Intercept.FIT;
        private double ridge;
        private double learningRate;
        private double learningRateDecay;
        private Momentum momentum = Momentum.NONE;
        private int batchSize;
        private long seed = 42;
        private int maxIterations = 10_000;
        private double gradientTolerance = 1e-10;
        private double costTolerance;
        private boolean failIfNotConverged;
        private IterationListener listener;
        private int parallelism;

        private Builder() {
        }

        /**
         * Sets whether an intercept is fitted (default {@link Intercept#FIT}).
         *
         * @param intercept the option
         * @return this builder
         */
        public Builder intercept(Intercept intercept) {
            this.intercept = Objects.requireNonNull(intercept, "intercept");
            return this;
        }

        /**
         * Sets the ridge penalty λ on ‖β‖² in original units (default 0). The intercept is not penalised.
         *
         * @param lambda λ, finite and &ge; 0
         * @return this builder
         * @throws IllegalArgumentException if λ is negative or not finite
         */
        public Builder ridge(double lambda) {
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("ridge lambda must be finite and >= 0 but was " + lambda);
            }
            this.ridge = lambda;
            return this;
        }

        /**
         * Sets a fixed learning rate for the standardised problem instead of the default 1/L.
         *
         * @param rate the step size, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if the rate is not finite or not positive
         */
        public Builder learningRate(double rate) {
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw new IllegalArgumentException("learningRate must be finite and > 0 but was " + rate);
            }
            this.learningRate = rate;
            return this;
        }

        /**
         * Sets the decay of the learning rate, η_t = η / (1 + decay·t) at iteration (epoch) t (default 0, constant).
         *
         * @param decay the decay, finite and &ge; 0
         * @return this builder
         * @throws IllegalArgumentException if the decay is negative or not finite
         */
        public Builder learningRateDecay(double decay) {
            if (!(decay >= 0) || !Double.isFinite(decay)) {
                throw new IllegalArgumentException("learningRateDecay must be finite and >= 0 but was " + decay);
            }
            this.learningRateDecay = decay;
            return this;
        }

        /**
         * Sets the momentum scheme of full-batch descent (default {@link Momentum#NONE}).
         *
         * @param momentum the option
         * @return this builder
         */
        public Builder momentum(Momentum momentum) {
            this.momentum = Objects.requireNonNull(momentum, "momentum");
            return this;
        }

        /**
         * Uses mini-batches of the given size, shuffled every epoch (size 1 is stochastic gradient descent);
         * an iteration is then an epoch.
         *
         * @param size rows per batch, &ge; 1
         * @return this builder
         * @throws IllegalArgumentException if the size is below 1
         */
        public Builder miniBatch(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("mini-batch size must be >= 1 but was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * Sets the seed of the mini-batch shuffles (default 42).
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the most iterations (epochs for mini-batches) to run (default 10,000).
         *
         * @param iterations the limit, &ge; 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder maxIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1 but was " + iterations);
            }
            this.maxIterations = iterations;
            return this;
        }

        /**
         * Sets the relative gradient norm ‖∇J(θ)‖ / ‖∇J(0)‖ at which descent has converged (default 1e-10).
         *
         * @param tolerance in (0, 1)
         * @return this builder
         * @throws IllegalArgumentException if the tolerance is not in (0, 1)
         */
        public Builder gradientTolerance(double tolerance) {
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("gradientTolerance must be in (0, 1) but was " + tolerance);
            }
            this.gradientTolerance = tolerance;
            return this;
        }

        /**
         * Also stops, as converged, when one iteration decreases J by at most this fraction (default 0: off). A
         * loose criterion: slow progress on an ill-conditioned problem looks the same as being close.
         *
         * @param tolerance in [0, 1)
         * @return this builder
         * @throws IllegalArgumentException if the tolerance is not in [0, 1)
         */
        public Builder costTolerance(double tolerance) {
            if (!(tolerance >= 0 && tolerance < 1)) {
                throw new IllegalArgumentException("costTolerance must be in [0, 1) but was " + tolerance);
            }
            this.costTolerance = tolerance;
            return this;
        }

        /**
         * Throws {@link ConvergenceException} instead of returning a result with {@code converged = false}.
         *
         * @return this builder
         */
        public Builder failIfNotConverged() {
            this.failIfNotConverged = true;
            return this;
        }

        /**
         * Sets a listener told of every iteration, which may cancel the descent.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(IterationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets how many threads one fit may use (default: the number of available processors, read at each fit);
         * 1 fits on the calling thread only. The answer does not depend on it, to the bit: the rows are split into
         * ranges fixed by the shape of the data and partial gradients merge in a fixed order. Threads are started for
         * one fit and have ended when it returns.
         *
         * @param threads the largest number of threads, &ge; 1
         * @return this builder
         * @throws IllegalArgumentException if threads is below 1
         */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1 but was " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * Returns the solver configured so far; the builder stays usable.
         *
         * @return an immutable solver
         */
        public GradientDescent build() {
            return new GradientDescent(this);
        }
    }
}
