package io.maas.solver;

import io.maas.data.ChunkedSource;
import io.maas.data.Dataset;
import io.maas.internal.ExtendedSolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Least squares: finds the intercept b and coefficients β minimising Σ w_i (y_i − b − x_iᵀβ)² + λ‖β‖² (ordinary least
 * squares when unweighted and λ = 0; ridge when λ &gt; 0, the intercept never penalised, as scikit-learn's
 * {@code Ridge}). Immutable and safe to share; each {@link #solve} call is independent.
 *
 * <p>How: under {@link Precision#AUTO}, first the normal equations of the centred, column-scaled design, from a
 * Gram matrix accumulated over row blocks on {@link Builder#parallelism} threads, refined once with compensated
 * residuals; they are kept only when their a-posteriori error bound leaves at least 13 trusted digits in every
 * parameter (and 12 in the standard errors). Otherwise, and under {@link Precision#DOUBLE}, a double-precision
 * Householder QR; under AUTO its condition estimate gives a first-order error bound, and if that bound exceeds
 * {@value #TRUSTED_RELATIVE_ERROR} (fewer than about 13 trusted digits) the problem is solved again in extended
 * precision, which recovers the least-squares solution of the double data. See {@code NormalEquations},
 * {@code DoubleQrSolve} and {@code ExtendedLeastSquares} for the numerics; NIST's StRD linear datasets are the
 * acceptance test. The diagnostics name the method that produced the answer.
 *
 * <p>What it returns: coefficients by feature name, the diagnostics of the fit (method and precision used, rank,
 * condition estimate, cost, time) and, for full-rank unpenalised fits with residual degrees of freedom, the inference
 * statistics (standard errors, t statistics, p-values, s, R²). A design without a unique solution is handled by the
 * {@link RankPolicy}; no NaN or infinite coefficient is ever returned.
 */
public final class LeastSquares implements LinearSolver, ExtendedSolver {

    /** The normwise relative error above which {@link Precision#AUTO} switches to extended precision. */
    public static final double TRUSTED_RELATIVE_ERROR = 1e-13;

    private static final Logger LOG = LoggerFactory.getLogger(LeastSquares.class);
    private static final String QR_METHOD = "least squares, Householder QR (ojAlgo)";
    private static final String EXTENDED_METHOD = "least squares, compensated normal equations, 60-digit LDLᵀ";
    private static final String NORMAL_EQUATIONS_METHOD = "least squares, normal equations (parallel blocked Gram, "
            + "ojAlgo Cholesky) refined once with compensated residuals";
    private static final LeastSquares DEFAULTS = builder().build();

    /**
     * A chunked fit has no QR to fall back on, so it accepts a contraction up to 1e-8 (κ₁ of the scaled Gram up to
     * about 1e6 for moderate sizes; standard errors then keep 8 digits, and say so) and refines up to three times,
     * each step a pass over the rows, until the coefficients' bound reaches 1e-13.
     */
    private static final NormalEquations.Limits CHUNKED_LIMITS = new NormalEquations.Limits(1e-8, 3);

    private final Intercept intercept;
    private final Precision precision;
    private final double ridge;
    private final RankPolicy rankPolicy;
    private final GradientDescent fallback;
    private final int maxDirectParameters;
    private final int parallelism; // 0: the available processors at each fit

    private LeastSquares(Builder builder) {
        this.intercept = builder.intercept;
        this.precision = builder.precision;
        this.ridge = builder.ridge;
        this.rankPolicy = builder.rankPolicy;
        this.fallback = builder.fallback != null ? builder.fallback : defaultFallback(builder);
        this.maxDirectParameters = builder.maxDirectParameters;
        this.parallelism = builder.parallelism;
    }

    private static GradientDescent defaultFallback(Builder builder) {
        GradientDescent.Builder descent = GradientDescent.builder().intercept(builder.intercept).ridge(builder.ridge);
        if (builder.parallelism > 0) {
            descent.parallelism(builder.parallelism);
        }
        return descent.build();
    }

    /**
     * Returns the default solver: intercept fitted, {@link Precision#AUTO}, no penalty, gradient-descent fallback.
     *
     * @return the default least-squares solver
     */
    public static LeastSquares defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits the features of {@code data} to its target, with the dataset's sample weights if it has any.
     *
     * @param data the training data, n rows x p numeric features, none missing; not modified
     * @return the parameters, diagnostics and (where defined) inference statistics
     * @throws RankDeficientException if the design has no unique solution and the policy is {@link RankPolicy#FAIL}
     * @throws SolverException        if the problem exceeds {@link Builder#maxDirectParameters} under
     *                                {@link RankPolicy#FAIL}, or the factorisation or the fallback fails
     */
    @Override
    public LinearSolution solve(Dataset data) {
        return solve(data, null);
    }

    /**
     * Fits the features of {@code data} to its target, minimising the weighted sum of squares.
     *
     * @param data          the training data, n rows x p features; not modified
     * @param sampleWeights n finite weights &ge; 0 with a positive sum (not modified), or null for the dataset's
     *                      weights (unit weights if it has none)
     * @return the parameters, diagnostics and (where defined) inference statistics
     * @throws IllegalArgumentException if a value is missing or a column is categorical (naming the columns), or the
     *                                  weights have the wrong length, a bad value or a zero sum
     * @throws RankDeficientException   if the design has no unique solution and the policy is {@link RankPolicy#FAIL}
     * @throws SolverException          if the factorisation or the fallback fails
     */
    public LinearSolution solve(Dataset data, double[] sampleWeights) {
        return solve(problem(data, sampleWeights, intercept, ridge));
    }

    /**
     * Fits a design evaluated in double-double precision, as a pipeline with polynomial features does: feature (i, j)
     * is exactly {@code data.feature(i, j) + low[i * p + j]}. The extended-precision path and the residuals use the
     * low parts; the double path, which only decides whether extended precision is needed, sees the rounded design.
     *
     * @param data the design rounded to double, with its target; not modified
     * @param low  the low-order parts, row-major n x p; not modified
     * @return the parameters, diagnostics and (where defined) inference statistics
     * @throws IllegalArgumentException if {@code low} does not have n x p values
     */
    @Override
    public LinearSolution solveExtended(Dataset data, double[] low) {
        Problem plain = problem(data, null, intercept, ridge);
        if (low.length != data.rowCount() * data.featureCount()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "low parts have %d values for a %d x %d design", low.length, data.rowCount(),
                    data.featureCount()));
        }
        return solve(new Problem(plain.data(), null, intercept, ridge, low.clone()));
    }

    /**
     * Fits the rows of a source read in chunks, holding one chunk at a time: memory is one chunk plus O(p²) whatever
     * the number of rows, so data larger than the heap can be fitted.
     *
     * <p>The source is read two to four times: once for the Gram matrix, then once per step of iterative refinement
     * in compensated arithmetic (one step as a rule, up to three for a harder problem), as {@link Precision#AUTO}'s
     * fast path does in memory, with its error bound: every coefficient is accepted only with a bound of 1e-13
     * relative, so the coefficients agree with those of {@link #solve(Dataset)} on the same rows (tested to 1e-12).
     * Chunks are split among the threads of {@link Builder#parallelism} and merged in row order, so the answer does
     * not depend on thread timing. The diagnostics' notes say how many passes were read and, when the standard
     * errors (which come from the unrefined factor) are less accurate than 12 digits, how accurate they are.
     *
     * <p>There is no QR or extended-precision fallback, which need the rows in memory: a problem the normal
     * equations cannot vouch for (scaled Gram condition beyond about 1e6, as NIST Longley or a near-collinear
     * design) gets a
     * {@link SolverException} saying so, and a constant column with an intercept a {@link RankDeficientException},
     * whatever the {@link RankPolicy}.
     *
     * @param source the rows; each pass must yield the same rows in the same order
     * @return the parameters, diagnostics and (where defined) inference statistics
     * @throws IOException              if the source cannot be opened or read
     * @throws IllegalStateException    if the precision is not {@link Precision#AUTO}, or the source yields different
     *                                  rows on its second pass
     * @throws IllegalArgumentException if a chunk has a missing or categorical value, bad weights, or columns unlike
     *                                  the first chunk's (naming the chunk and its first row), or the source is empty
     * @throws RankDeficientException   if an intercept is fitted and a feature column is constant
     * @throws SolverException          if the normal equations' answer cannot be trusted
     */
    public LinearSolution solve(ChunkedSource source) throws IOException {
        Objects.requireNonNull(source, "source");
        if (precision != Precision.AUTO) {
            throw new IllegalStateException("a chunked fit runs the refined normal equations of Precision.AUTO; "
                    + "precision " + precision + " needs the rows in memory (solve a Dataset)");
        }
        long start = System.nanoTime();
        ChunkedRows rows = new ChunkedRows(source, intercept, ridge, threads());
        NormalEquations.Outcome outcome;
        try {
            outcome = NormalEquations.solve(rows, CHUNKED_LIMITS);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (outcome instanceof NormalEquations.Rejected rejected) {
            throw new SolverException(rejected.reason() + "; a chunked fit has no QR fallback, which needs the rows "
                    + "in memory: read the data into a Dataset and solve that");
        }
        NormalEquations.Accepted fast = (NormalEquations.Accepted) outcome;
        if (rows.rowCount() > Integer.MAX_VALUE) {
            throw new SolverException("a chunked fit reports at most " + Integer.MAX_VALUE + " rows; the source has "
                    + rows.rowCount());
        }
        int n = (int) rows.rowCount();
        int k = rows.parameters();
        List<String> parameterNames = new ArrayList<>();
        if (rows.hasIntercept()) {
            parameterNames.add("(intercept)");
        }
        parameterNames.addAll(rows.featureNames());
        double[] theta = fast.parameters();
        Optional<InferenceStatistics> statistics = Inference.of(n, rows.hasIntercept(), ridge, parameterNames, theta,
                fast.sumOfSquares(), fast.totalSumOfSquares(), fast.inverseGramDiagonal());
        double cost = cost(theta, rows.hasIntercept(), ridge, fast.sumOfSquares(), rows.totalWeight());
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "read %d chunks in %d passes", rows.chunkCount(), fast.passes()));
        if (fast.inverseDiagonalError() > NormalEquations.INVERSE_DIAGONAL_ERROR) {
            notes.add(String.format(Locale.ROOT, "standard errors to about %.1e relative (from the unrefined "
                    + "factor; refinement steps for the coefficients: %d)", fast.inverseDiagonalError(),
                    fast.refinements()));
        }
        FitDiagnostics diagnostics = new FitDiagnostics(NORMAL_EQUATIONS_METHOD, Precision.DOUBLE, n, k,
                OptionalInt.of(k), OptionalDouble.of(fast.conditionEstimate()), 0, true, "direct solve", cost,
                new double[0], notes, Duration.ofNanos(System.nanoTime() - start));
        LOG.debug("fitted {}", diagnostics);
        return solution(rows.featureNames(), rows.hasIntercept(), theta, diagnostics, statistics);
    }

    private LinearSolution solve(Problem problem) {
        long start = System.nanoTime();
        List<String> notes = new ArrayList<>();
        try {
            requireSolvableShape(problem);
            if (precision == Precision.AUTO) {
                // The fast path checks constant columns in its own pass over the data; QR is the fallback.
                NormalEquations.Outcome outcome = NormalEquations.solve(problem, threads());
                if (outcome instanceof NormalEquations.Accepted accepted) {
                    return normalEquations(problem, accepted, notes, start);
                }
                LOG.debug("{}; solving by QR", ((NormalEquations.Rejected) outcome).reason());
            } else {
                requireNoConstantColumn(problem);
            }
            return direct(problem, notes, start);
        } catch (RankDeficientException | DirectLimitException e) {
            return handle(problem, e, notes, start);
        }
    }

    static Problem problem(Dataset data, double[] givenWeights, Intercept intercept, double ridge) {
        Objects.requireNonNull(data, "data");
        data.requireNumeric();
        data.requireComplete();
        double[] sampleWeights = givenWeights != null ? givenWeights : data.weights().orElse(null);
        double[] weights = null;
        if (sampleWeights != null) {
            if (sampleWeights.length != data.rowCount()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "sampleWeights has %d values but the data has %d rows", sampleWeights.length,
                        data.rowCount()));
            }
            weights = sampleWeights.clone();
            double total = 0;
            for (int i = 0; i < weights.length; i++) {
                if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "sampleWeights[%d] is %s; weights must be finite and >= 0", i, weights[i]));
                }
                total += weights[i];
            }
            if (!(total > 0)) {
                throw new IllegalArgumentException("sampleWeights are all zero; at least one row must count");
            }
        }
        return new Problem(data, weights, intercept, ridge);
    }

    private void requireSolvableShape(Problem problem) {
        int n = problem.rows();
        int k = problem.parameters();
        if (n < k) {
            throw new RankDeficientException(n, k, List.of(), String.format(Locale.ROOT,
                    "there are fewer rows (%d) than parameters (%d), so the fit is not unique", n, k));
        }
        if (k > maxDirectParameters) {
            throw new DirectLimitException(String.format(Locale.ROOT,
                    "%d parameters exceed the direct solver's limit of %d; use gradient descent or raise "
                            + "maxDirectParameters", k, maxDirectParameters));
        }
    }

    private static void requireNoConstantColumn(Problem problem) {
        int n = problem.rows();
        if (problem.hasIntercept()) {
            List<String> constant = new ArrayList<>();
            double[] first = problem.data().row(0);
            double[] row = new double[first.length];
            boolean[] varies = new boolean[first.length];
            for (int i = 1; i < n; i++) {
                problem.data().copyRow(i, row, 0);
                for (int j = 0; j < row.length; j++) {
                    varies[j] |= row[j] != first[j];
                }
            }
            for (int j = 0; j < row.length; j++) {
                // Decided on the raw values: after centering, rounding can leave a constant column a few ulps off 0.
                if (!varies[j]) {
                    constant.add(problem.featureNames().get(j));
                }
            }
            if (!constant.isEmpty()) {
                throw constantColumns(problem.parameters(), constant);
            }
        }
    }

    /** The error for feature columns whose raw values are all equal, which duplicate a fitted intercept. */
    static RankDeficientException constantColumns(int k, List<String> constant) {
        return new RankDeficientException(k - constant.size(), k, constant,
                "a constant column duplicates the intercept; drop it");
    }

    private int threads() {
        return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
    }

    private LinearSolution normalEquations(Problem problem, NormalEquations.Accepted fast, List<String> notes,
                                           long start) {
        double[] theta = fast.parameters();
        Optional<InferenceStatistics> statistics = Inference.of(problem, theta, fast.sumOfSquares(),
                fast.totalSumOfSquares(), fast.inverseGramDiagonal());
        FitDiagnostics diagnostics = new FitDiagnostics(NORMAL_EQUATIONS_METHOD, Precision.DOUBLE, problem.rows(),
                problem.parameters(), OptionalInt.of(problem.parameters()), OptionalDouble.of(fast.conditionEstimate()),
                0, true, "direct solve", cost(problem, theta, fast.sumOfSquares()), new double[0], notes,
                Duration.ofNanos(System.nanoTime() - start));
        LOG.debug("fitted {}", diagnostics);
        return solution(problem, theta, diagnostics, statistics);
    }

    private LinearSolution direct(Problem problem, List<String> notes, long start) {
        DoubleQrSolve.Result fast = DoubleQrSolve.solve(problem);
        boolean extended = precision == Precision.EXTENDED
                || (precision == Precision.AUTO && fast.relativeErrorBound() > TRUSTED_RELATIVE_ERROR);
        double[] high = fast.parameters();
        double[] low = new double[high.length];
        double[] inverseDiagonal = fast.inverseGramDiagonal();
        if (extended) {
            if (precision == Precision.AUTO) {
                notes.add(String.format(Locale.ROOT, "double QR error bound %.1e > %.0e: re-solved in extended "
                        + "precision", fast.relativeErrorBound(), TRUSTED_RELATIVE_ERROR));
            }
            ExtendedLeastSquares.Solution exact = ExtendedLeastSquares.solve(problem);
            high = exact.high();
            low = exact.low();
            inverseDiagonal = exact.inverseGramDiagonal();
        }
        double sse = Residuals.sumOfSquares(problem, high, low);
        Optional<InferenceStatistics> statistics = Inference.of(problem, high, sse, inverseDiagonal);
        FitDiagnostics diagnostics = new FitDiagnostics(extended ? EXTENDED_METHOD : QR_METHOD,
                extended ? Precision.EXTENDED : Precision.DOUBLE, problem.rows(), problem.parameters(),
                OptionalInt.of(problem.parameters()), OptionalDouble.of(fast.conditionEstimate()), 0, true, "direct solve",
                cost(problem, high, sse), new double[0], notes, Duration.ofNanos(System.nanoTime() - start));
        LOG.debug("fitted {}", diagnostics);
        return solution(problem, high, diagnostics, statistics);
    }

    private LinearSolution handle(Problem problem, SolverException e, List<String> notes, long start) {
        switch (rankPolicy) {
            case FAIL -> throw e;
            case MINIMUM_NORM -> {
                LOG.warn("{}; returning the minimum-norm solution", e.getMessage());
                notes.add(e.getMessage() + "; returned the minimum-norm least-squares solution");
                return minimumNorm(problem, notes, start);
            }
            default -> {
                LOG.warn("{}; falling back to gradient descent", e.getMessage());
                notes.add(e.getMessage() + "; fell back to gradient descent");
                return fallback.solve(problem, notes, start);
            }
        }
    }

    private LinearSolution minimumNorm(Problem problem, List<String> notes, long start) {
        int n = problem.rows();
        int p = problem.features();
        double[] design = new double[Math.multiplyExact(n, p)];
        double[] rhs = problem.y().clone();
        double[] means = new double[p];
        double[] row = new double[p];
        double yMean = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += problem.weight(i);
            yMean += problem.weight(i) * rhs[i];
            problem.data().copyRow(i, row, 0);
            for (int j = 0; j < p; j++) {
                design[j * n + i] = row[j];
                means[j] += problem.weight(i) * row[j];
            }
        }
        if (!problem.hasIntercept()) {
            Arrays.fill(means, 0.0);
            yMean = 0;
        } else {
            yMean /= total;
            for (int j = 0; j < p; j++) {
                means[j] /= total;
            }
        }
        for (int i = 0; i < n; i++) {
            double sw = Math.sqrt(problem.weight(i));
            rhs[i] = sw * (rhs[i] - yMean);
            for (int j = 0; j < p; j++) {
                design[j * n + i] = sw * (design[j * n + i] - means[j]);
            }
        }
        OjAlgo.MinimumNormSolution svd = OjAlgo.minimumNorm(design, n, rhs);
        int offset = problem.hasIntercept() ? 1 : 0;
        double[] theta = new double[p + offset];
        double b = yMean;
        for (int j = 0; j < p; j++) {
            theta[j + offset] = svd.solution()[j];
            b -= means[j] * theta[j + offset];
        }
        if (offset == 1) {
            theta[0] = b;
        }
        double sse = Residuals.sumOfSquares(problem, theta, new double[theta.length]);
        FitDiagnostics diagnostics = new FitDiagnostics("minimum-norm least squares, SVD (ojAlgo)",
                Precision.DOUBLE, n, problem.parameters(), OptionalInt.of(Math.min(problem.parameters(),
                        svd.rank() + offset)),
                OptionalDouble.empty(), 0, true, "direct solve", cost(problem, theta, sse), new double[0], notes,
                Duration.ofNanos(System.nanoTime() - start));
        return solution(problem, theta, diagnostics, Optional.empty());
    }

    /** J = (SSE + λ‖β‖²) / (2·Σw), the cost gradient descent minimises, reported for every method. */
    static double cost(Problem problem, double[] theta, double sse) {
        double weight = problem.weights() == null ? problem.rows() : 0; // n unit weights add up to n exactly
        for (int i = 0; i < problem.rows() && problem.weights() != null; i++) {
            weight += problem.weight(i);
        }
        return cost(theta, problem.hasIntercept(), problem.ridge(), sse, weight);
    }

    /** (SSE + λ‖β‖²) / (2·Σw), β being θ without the intercept. */
    private static double cost(double[] theta, boolean intercept, double ridge, double sse, double totalWeight) {
        double penalty = 0;
        for (int j = intercept ? 1 : 0; j < theta.length; j++) {
            penalty += theta[j] * theta[j];
        }
        return (sse + ridge * penalty) / (2 * totalWeight);
    }

    static LinearSolution solution(Problem problem, double[] theta, FitDiagnostics diagnostics,
                                   Optional<InferenceStatistics> statistics) {
        return solution(problem.featureNames(), problem.hasIntercept(), theta, diagnostics, statistics);
    }

    private static LinearSolution solution(List<String> featureNames, boolean intercept, double[] theta,
                                           FitDiagnostics diagnostics, Optional<InferenceStatistics> statistics) {
        int offset = intercept ? 1 : 0;
        double[] coefficients = Arrays.copyOfRange(theta, offset, theta.length);
        for (int j = 0; j < coefficients.length; j++) {
            coefficients[j] += 0.0; // -0.0 + 0.0 is +0.0: no negative zeros in reports
        }
        return new LinearSolution(featureNames, offset == 1 ? theta[0] + 0.0 : 0.0, coefficients,
                diagnostics, statistics);
    }

    /**
     * Returns whether this solver fits an intercept.
     *
     * @return the intercept option
     */
    public Intercept intercept() {
        return intercept;
    }

    /**
     * Returns a description of this solver's options.
     *
     * @return for example {@code LeastSquares[intercept=FIT, precision=AUTO, ridge=0.0, policy=GRADIENT_DESCENT]}
     */
    @Override
    public String toString() {
        return "LeastSquares[intercept=" + intercept + ", precision=" + precision + ", ridge=" + ridge
                + ", policy=" + rankPolicy + "]";
    }

    /** Builds a {@link LeastSquares}; each option method checks its argument at once. Not thread-safe. */
    public static final class Builder {

        private Intercept intercept = Intercept.FIT;
        private Precision precision = Precision.AUTO;
        private double ridge;
        private RankPolicy rankPolicy = RankPolicy.GRADIENT_DESCENT;
        private GradientDescent fallback;
        private int maxDirectParameters = 4096;
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
         * Sets the arithmetic (default {@link Precision#AUTO}).
         *
         * @param precision the option
         * @return this builder
         */
        public Builder precision(Precision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        /**
         * Sets the ridge penalty λ on ‖β‖² (default 0: ordinary least squares). The intercept is not penalised.
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
         * Sets what happens when the design has no unique solution (default {@link RankPolicy#GRADIENT_DESCENT}).
         *
         * @param policy the option
         * @return this builder
         */
        public Builder rankPolicy(RankPolicy policy) {
            this.rankPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the gradient descent used by {@link RankPolicy#GRADIENT_DESCENT} (default: gradient descent's
         * defaults with this builder's intercept, ridge and parallelism options).
         *
         * @param gradientDescent the fallback solver
         * @return this builder
         */
        public Builder fallback(GradientDescent gradientDescent) {
            this.fallback = Objects.requireNonNull(gradientDescent, "gradientDescent");
            return this;
        }

        /**
         * Sets the largest number of parameters the direct solver accepts (default 4096); beyond it the
         * {@link RankPolicy} decides, as for a rank-deficient design.
         *
         * @param parameters the limit, &ge; 1
         * @return this builder
         * @throws IllegalArgumentException if the limit is below 1
         */
        public Builder maxDirectParameters(int parameters) {
            if (parameters < 1) {
                throw new IllegalArgumentException("maxDirectParameters must be >= 1 but was " + parameters);
            }
            this.maxDirectParameters = parameters;
            return this;
        }

        /**
         * Sets how many threads one fit may use (default: the number of available processors, read at each fit);
         * 1 fits on the calling thread only. The answer does not depend on it, to the bit: the rows are split into
         * ranges fixed by the shape of the data and partial results merge in a fixed order. Threads are started for
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
         * @throws IllegalStateException if the fallback's intercept or ridge option differs from this builder's
         */
        public LeastSquares build() {
            if (fallback != null && (fallback.intercept() != intercept || fallback.ridge() != ridge)) {
                throw new IllegalStateException("the gradient-descent fallback must fit the same model: it has "
                        + "intercept=" + fallback.intercept() + ", ridge=" + fallback.ridge() + " but this solver has "
                        + "intercept=" + intercept + ", ridge=" + ridge);
            }
            return new LeastSquares(this);
        }
    }
}
