package io.maas.solver;

import io.maas.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The fast least-squares solve of {@link Precision#AUTO}: normal equations from a parallel, blocked Gram matrix, one
 * step of iterative refinement in compensated arithmetic, and an error bound that decides whether the answer is
 * trusted or the problem goes to QR (and, if needed, extended precision) as before.
 *
 * <p>Method. (1) One parallel pass accumulates the weighted means and the centred cross-products of [X y]
 * ({@link GramAccumulator}; rows split by {@link RowTasks}, partial results merged in a fixed order). (2) The feature
 * block is scaled to unit diagonal, C = S⁻¹ M S⁻¹ (plus λS⁻² for ridge; without an intercept M + W·x̄x̄ᵀ), and
 * ojAlgo factorises C = LLᵀ; L⁻¹ gives the standard errors, κ₁(R) for the diagnostics (R = Lᵀ is the R of a QR of the
 * scaled design, so this is the same estimate the QR path reports) and, with Hager's estimator, κ₁(C). (3) θ₀ solves
 * the normal equations. (4) A second parallel pass computes, in compensated arithmetic, the residuals of the
 * original (uncentred, unscaled) data at θ₀, the gradient g = Aᵀ W r₀ and Σ w r₀² ({@link RefinementAccumulator});
 * θ₁ = θ₀ + δ with δ = (AᵀWA)⁻¹g solved through the same factor (the intercept by block elimination).
 *
 * <p>One read instead of two. Refinement converges from any starting point, not only θ₀: one step leaves ρ times
 * the start's error (ρ below). For a tall problem of few columns, where reading and copying a row costs as much as
 * its share of the Gram's arithmetic, the start can be a pilot θₚ, the normal-equations solution of the first rows
 * alone, and the refinement sums at θₚ are then taken in the Gram pass itself, from each block while it is in
 * cache: one read of the data. θₚ is off by its statistical error, not by rounding, so this pays only when ρ times
 * that error still leaves 13 digits in every parameter; the pilot's own Gram predicts this
 * ({@code predictedFusedBound}), and a step that falls short anyway is followed by an ordinary one from its result.
 * The pilot's Gram is the first range's, part-way, and the rows read before θₚ was known are read a second time
 * for their refinement sums only, so no thread waits for the pilot. At 1M x 20 on two threads the one
 * read took the fit from 44 and 36 ms to 30 and 34 ms (FitBenchmark, one fork of 5 iterations each, alternated).
 *
 * <p>Accuracy. The normal equations alone lose about twice the digits QR loses: their error is about u·κ², against
 * u·(κ + κ²·‖r‖/‖γ‖) for QR (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., 2002, §20.4). Let ε be
 * the normwise relative error of the computed C and its factor, taken to first order as (k + √chain)·u (k parameters
 * for the factorisation, as {@code DoubleQrSolve} takes k·u for QR; √chain·u for the chain additions into each Gram
 * entry, rounding errors behaving randomly: Higham and Mary, SIAM J. Sci. Comput. 41(5), 2019). Refinement with the
 * gradient computed to about twice the working precision then contracts the error by ρ = ε·κ₁(C) per step, towards
 * the least-squares solution of the double data itself, not the data's rounded Gram (Higham §12.1-12.2; Björck,
 * Numerical Methods for Least Squares Problems, 1996, §2.9; Demmel et al., ACM TOMS 32(2), 2006). The accepted error
 * of each parameter is bounded a posteriori: ρ/(1−ρ)·‖δ‖ (what one step leaves of the initial error, which δ
 * measures), plus the gradient's own rounding through ‖C⁻¹‖₁, plus 2u of the parameter, spread per parameter like
 * {@code DoubleQrSolve}'s bound. The answer is accepted only when (a) that bound leaves at least 13 digits
 * ({@link LeastSquares#TRUSTED_RELATIVE_ERROR}) for every parameter, and (b) ρ &le; {@value #INVERSE_DIAGONAL_ERROR}:
 * the standard errors come from diag(C⁻¹), unrefined, whose relative error is about ρ, so they keep 12 digits (the
 * NIST acceptance level); (b) also makes the one refinement step converge by a factor of 10¹¹ or more. A random
 * well-conditioned problem passes; NIST Longley, Wampler, Filip, Pontius and anything near collinear do not.
 *
 * <p>Cost: n·q²/2 multiply-adds for the Gram (q = p + 1), spread over the threads, O(n·p) compensated operations for
 * the refinement, O(p³/6) for the factor and its inverse; memory O(q²) per row range plus one block.
 */
final class NormalEquations {

    /** The largest accepted relative error of diag(C⁻¹) and contraction of the refinement step: see the design note. */
    static final double INVERSE_DIAGONAL_ERROR = 2e-12;

    /** Unit roundoff of double precision, 2^-53. */
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    /** The Gram and refinement passes are fused only up to this many columns q = p + 1. */
    static final int FUSED_MAX_COLUMNS = 64;

    /** ... and only when the rows are split into at least this many ranges. */
    static final int FUSED_MIN_RANGES = 8;

    /** ... and the first range, the pilot's, has at least this many rows per parameter. */
    static final int PILOT_ROWS_PER_PARAMETER = 8;

    /**
     * A fused pass is tried when its predicted bound is this many times below the accepted one. The prediction is
     * the expected size of the pilot's statistical error, a norm over k squared errors: twice its expectation is
     * rare (for k = 2, P(χ²₂ &gt; 8) = e⁻⁴ ≈ 2 %; far less for more parameters), and then only costs the ordinary step
     * that follows. On the 1M x 20 benchmark problem the pilot of its first range's 31250 rows predicted 2.35·10⁻¹⁴ and
     * the step left 2.41·10⁻¹⁴; the pilot of its first 16128 rows, which is now the one used (4032 and 8064 rows
     * predicted 1.14·10⁻¹³ and 5.7·10⁻¹⁴), predicted 3.59·10⁻¹⁴ and the step left 2.91·10⁻¹⁴.
     */
    static final double PILOT_MARGIN = 2;

    /** A feature whose centred sum of squares is below W times this is too small to square safely. */
    private static final double TINY = 1e-250;

    private NormalEquations() {
    }

    /** What the fast solve found: a trusted answer, or why the problem must go to QR. */
    sealed interface Outcome permits Accepted, Rejected {
    }

    /**
     * A trusted answer.
     *
     * @param parameters          θ with the intercept first when fitted
     * @param conditionEstimate   κ₁(R) of the centred, column-scaled design, R = Lᵀ, &ge; 1
     * @param relativeErrorBound  the largest bound on any parameter's relative error after refinement
     * @param inverseGramDiagonal diag((XᵀWX)⁻¹) in original units, intercept first
     * @param sumOfSquares        Σ w_i r_i² at θ
     * @param passes              the reads of the rows: 1 when the first refinement step was summed in the Gram
     *                            pass, plus one per refinement step read on its own (and one if the squares were
     *                            summed again)
     * @param totalSumOfSquares   Σ w_i (y_i − ȳ)² with an intercept, Σ w_i y_i² without: the target's entry of the
     *                            Gram pass, accurate to about √chain·u relative (the centred sums, see
     *                            {@link GramAccumulator}), so R² = 1 − SSE/SST is off by at most that times 1 − R²
     */
    record Accepted(double[] parameters, double conditionEstimate, double relativeErrorBound,
                    double[] inverseGramDiagonal, double sumOfSquares, double totalSumOfSquares,
                    double inverseDiagonalError, int refinements, int passes)
            implements Outcome {
    }

    /**
     * How far the solve may go before it gives up.
     *
     * @param maxContraction the largest accepted ρ = ε·κ₁(C): the relative error of the standard errors, and the
     *                       factor by which each refinement step shrinks the error
     * @param maxRefinements the most refinement steps (each one a pass over the rows)
     */
    record Limits(double maxContraction, int maxRefinements) {

        /** In memory, where QR takes what these reject: one step, and 12 digits for the standard errors. */
        static final Limits IN_MEMORY = new Limits(INVERSE_DIAGONAL_ERROR, 1);
    }

    /**
     * The rows of a problem, read in passes: the first accumulates the Gram matrix, the second the refinement sums
     * at θ₀, and rarely a third the residual sum of squares. Every pass must see the same rows in the same order
     * and split them the same way, so that the answer is the same to the bit each time.
     */
    interface Rows {

        /** The feature names, p of them. */
        List<String> featureNames();

        /** Whether an intercept is fitted. */
        Intercept intercept();

        /** The L2 penalty on β. */
        double ridge();

        /** The first pass. */
        GramPass gram();

        /** The second pass: residuals at θ₀ and the gradient, in compensated arithmetic, merged in row order. */
        RefinementAccumulator refinement(double[] theta0);

        /** Σ w r² at θ, compensated. */
        double sumOfSquares(double[] theta);

        /**
         * The Gram pass, and, where the rows can give a first estimate θₚ that refining from is expected to pass the
         * error bound, the refinement sums at θₚ from the same read; by default the Gram pass alone, the second pass
         * then following at θ₀.
         */
        default FirstPass first() {
            return new FirstPass(gram(), null, null);
        }

        default int features() {
            return featureNames().size();
        }

        default boolean hasIntercept() {
            return intercept() == Intercept.FIT;
        }

        default int parameters() {
            return features() + (hasIntercept() ? 1 : 0);
        }
    }

    /**
     * The first pass's result.
     *
     * @param gram            the merged accumulator of [X y]
     * @param constantColumns with an intercept, the names of the feature columns whose raw values are all equal
     * @param largestRun      the most rows added into one accumulator before merging (the chain of one sum)
     * @param runs            the number of accumulators merged
     */
    record GramPass(GramAccumulator gram, List<String> constantColumns, long largestRun, int runs) {
    }

    /**
     * The first read of the rows.
     *
     * @param gram       the Gram pass
     * @param pilot      the first estimate θₚ, or null when there is none
     * @param refinement the refinement sums of all rows at θₚ, or null when there is no θₚ
     */
    record FirstPass(GramPass gram, double[] pilot, RefinementAccumulator refinement) {
    }

    /** The rows of an in-memory problem as {@link #solve(Problem, int)} reads them. */
    static Rows inMemory(Problem problem, int parallelism) {
        return new InMemory(problem, parallelism, null);
    }

    /**
     * The rows of an in-memory problem, whose first estimate is {@code pilotRule} applied to the Gram of the first
     * rows instead of their normal-equations solution. The rule is asked as {@code pilot} would be, on more rows while
     * it returns null; null for the whole first range: no estimate, two reads.
     */
    static Rows inMemory(Problem problem, int parallelism, Function<GramAccumulator, double[]> pilotRule) {
        return new InMemory(problem, parallelism, Objects.requireNonNull(pilotRule, "pilotRule"));
    }

    /**
     * The rows of an in-memory problem, split into fixed ranges run on up to {@code parallelism} threads.
     *
     * @param pilotRule the first estimate from the first range's Gram, or null for {@link #pilot}
     */
    private record InMemory(Problem problem, int parallelism, RowTasks tasks,
                            Function<GramAccumulator, double[]> pilotRule) implements Rows {

        InMemory(Problem problem, int parallelism, Function<GramAccumulator, double[]> pilotRule) {
            this(problem, parallelism, RowTasks.of(problem.rows(), problem.features() + 1), pilotRule);
        }

        @Override
        public List<String> featureNames() {
            return problem.featureNames();
        }

        @Override
        public Intercept intercept() {
            return problem.intercept();
        }

        @Override
        public double ridge() {
            return problem.ridge();
        }

        @Override
        public GramPass gram() {
            int q = problem.features() + 1;
            List<GramAccumulator> parts = tasks.run(parallelism, t -> {
                GramAccumulator part = new GramAccumulator(q);
                part.add(problem.data(), problem.weights(), tasks.from(t), tasks.to(t));
                return part;
            });
            GramAccumulator gram = parts.get(0);
            for (int t = 1; t < parts.size(); t++) {
                gram.merge(parts.get(t));
            }
            return gramPass(gram);
        }

        private GramPass gramPass(GramAccumulator gram) {
            // Decided on the raw values, as the QR path does; only columns with no weighted spread are read again.
            List<String> constant = new ArrayList<>();
            if (problem.hasIntercept()) {
                for (int j : gram.possiblyConstantColumns()) {
                    if (isConstant(problem.data(), j)) {
                        constant.add(problem.featureNames().get(j));
                    }
                }
            }
            return new GramPass(gram, constant, tasks.largest(), tasks.count());
        }

        @Override
        public RefinementAccumulator refinement(double[] theta0) {
            List<RefinementAccumulator> parts = tasks.run(parallelism, t -> {
                RefinementAccumulator part = new RefinementAccumulator(theta0, problem.intercept());
                part.add(problem.data(), problem.weights(), tasks.from(t), tasks.to(t));
                return part;
            });
            RefinementAccumulator pass = parts.get(0);
            for (int t = 1; t < parts.size(); t++) {
                pass.merge(parts.get(t));
            }
            return pass;
        }

        @Override
        public double sumOfSquares(double[] theta) {
            return Residuals.sumOfSquares(problem, theta, new double[theta.length]);
        }

        /**
         * One read of the rows for the Gram and the refinement sums at θₚ, when that is worth trying: at most
         * {@value #FUSED_MAX_COLUMNS} columns (at q = 101 the one read measured no faster, the Gram's flops setting
         * the time), at least {@value #FUSED_MIN_RANGES} ranges and {@value #PILOT_ROWS_PER_PARAMETER} rows per
         * parameter in the first. Each range is read once, a Gram block at a time, and each block goes, while in
         * cache, to both accumulators ({@link GramAccumulator#add(Dataset, double[], int, int,
         * RefinementAccumulator)}). θₚ comes from the Gram of the first range's first rows ({@link #pilotRows}); a
         * miss of the prediction is tried again on twice the rows, up to the whole first range. Until then the other
         * threads sum the Gram alone, a block at a time; a range that learns θₚ part-way first reads its earlier
         * blocks again for their refinement sums (from cache), and a range that ended before is read again after the
         * pass. Either way a range's sums take its blocks in order, cut as always, so the bits do not depend on which
         * rows were read twice, or on the threads.
         */
        @Override
        public FirstPass first() {
            int q = problem.features() + 1;
            int count = tasks.count();
            if (q > FUSED_MAX_COLUMNS || count < FUSED_MIN_RANGES
                    || tasks.to(0) - tasks.from(0) < (long) PILOT_ROWS_PER_PARAMETER * parameters()) {
                return new FirstPass(gram(), null, null);
            }
            int blockRows = GramAccumulator.blockRows(q);
            Dataset data = problem.data();
            GramAccumulator[] grams = new GramAccumulator[count];
            RefinementAccumulator[] sums = new RefinementAccumulator[count];
            double[] none = new double[0];
            AtomicReference<double[]> start = new AtomicReference<>(); // null until decided, then θₚ or none
            double[] pilot;
            try (RowTasks.Crew crew = tasks.crew(parallelism)) {
                crew.forEach(t -> {
                    GramAccumulator gram = new GramAccumulator(q);
                    int from = tasks.from(t);
                    int to = tasks.to(t);
                    // The first range tries for θₚ after its first rows, then after twice as many, up to its end.
                    int tryAt = t == 0 ? Math.min(to, from + pilotRows(to - from)) : to;
                    for (int at = from; at < to; ) {
                        double[] theta = start.get();
                        if (theta != null && theta.length > 0) {
                            // First the blocks read before θₚ was known, again (from cache), so that the sums
                            // take every block of the range in order.
                            sums[t] = new RefinementAccumulator(theta, problem.intercept(), blockRows);
                            sums[t].add(data, problem.weights(), from, at);
                            gram.add(data, problem.weights(), at, to, sums[t]);
                            break;
                        }
                        int end = Math.min(to, at + blockRows); // a block at a time until θₚ is known
                        gram.add(data, problem.weights(), at, end);
                        at = end;
                        if (t == 0 && at >= tryAt) {
                            double[] estimate = pilotRule == null ? pilot(gram) : pilotRule.apply(gram);
                            if (estimate != null || at == to) {
                                start.set(estimate == null ? none : estimate);
                            }
                            tryAt = (int) Math.min(to, from + 2L * (at - from));
                        }
                    }
                    grams[t] = gram;
                });
                pilot = start.get().length > 0 ? start.get() : null;
                if (pilot != null && Arrays.asList(sums).contains(null)) {
                    crew.forEach(t -> {
                        if (sums[t] == null) {
                            RefinementAccumulator sum = new RefinementAccumulator(pilot, problem.intercept(),
                                    blockRows);
                            sum.add(data, problem.weights(), tasks.from(t), tasks.to(t));
                            sums[t] = sum;
                        }
                    });
                }
            }
            GramAccumulator gram = grams[0];
            for (int t = 1; t < count; t++) {
                gram.merge(grams[t]);
            }
            if (pilot == null) {
                return new FirstPass(gramPass(gram), null, null);
            }
            RefinementAccumulator refinement = sums[0];
            for (int t = 1; t < count; t++) {
                refinement.merge(sums[t]);
            }
            return new FirstPass(gramPass(gram), pilot, refinement);
        }

        /**
         * The rows of the first range after which θₚ is first tried: an eighth of the range, at least {@value
         * #PILOT_ROWS_PER_PARAMETER} per parameter; a miss is tried again with twice the rows, up to the whole range.
         * The sooner θₚ is known, the fewer rows are read for the Gram alone, and the first range's are read again
         * for their refinement sums at once, mostly from cache, not after the pass by one thread while the others
         * wait. Each try costs a factorisation of order p³, p &lt; {@value #FUSED_MAX_COLUMNS}.
         */
        private int pilotRows(int rangeRows) {
            return Math.max(rangeRows / 8, PILOT_ROWS_PER_PARAMETER * parameters());
        }

        /**
         * The normal-equations solution of the rows whose Gram is {@code first}, when the step refined from
         * it is expected to pass the bound with a margin of {@value #PILOT_MARGIN} ({@link #predictedFusedBound});
         * else null.
         */
        private double[] pilot(GramAccumulator first) {
            if (!first.isFinite() || !(ScaledSystem.of(first, this) instanceof ScaledSystem pilot)) {
                return null;
            }
            double predicted = predictedFusedBound(pilot, first, parameters(), tasks.largest() + tasks.count());
            if (!(predicted <= LeastSquares.TRUSTED_RELATIVE_ERROR / PILOT_MARGIN)) {
                return null;
            }
            return pilot.solve();
        }
    }

    /**
     * The bound a step refined from the pilot is expected to leave, from the pilot's rows alone. The step leaves
     * ρ·‖θₚ − θ‖ of the pilot's error (scaled units); that error is statistical, about σ·√tr(Cₚ⁻¹) with σ² the
     * pilot's residual variance, and each parameter must keep it below 10⁻¹³ of itself (the intercept through the
     * means). Only an estimate: the bound after the step decides, and a step that falls short is followed by an
     * ordinary one.
     *
     * @param chain the longest chain of additions into one Gram entry of the whole problem, for ρ
     */
    private static double predictedFusedBound(ScaledSystem pilot, GramAccumulator part, int k, double chain) {
        int p = pilot.scale().length;
        double[] c = pilot.c();
        double rho = (k + Math.sqrt(chain)) * UNIT_ROUNDOFF * norm1(c, p)
                * LowerTriangular.inverseNorm1Estimate(pilot.inverse());
        double[] gamma = LowerTriangular.solve(pilot.inverse(), pilot.rhs());
        double explained = 0;
        for (int j = 0; j < p; j++) {
            explained += gamma[j] * pilot.rhs()[j];
        }
        double weight = part.weight();
        double squares = Math.max(0.0, entry(part, p, p, pilot.fit()) - explained);
        double sigma = Math.sqrt(squares / Math.max(1.0, weight - k));
        double trace = 0;
        for (double d : LowerTriangular.inverseGramDiagonal(pilot.inverse())) {
            trace += d;
        }
        double left = rho * sigma * Math.sqrt(trace);
        double worst = 0;
        double throughMeans = 0;
        for (int j = 0; j < p; j++) {
            worst = Math.max(worst, left / Math.abs(gamma[j]));
            throughMeans += Math.abs(pilot.mean()[j]) / pilot.scale()[j];
        }
        if (pilot.fit()) {
            double intercept = pilot.mean()[p];
            for (int j = 0; j < p; j++) {
                intercept -= pilot.mean()[j] * gamma[j] / pilot.scale()[j];
            }
            worst = Math.max(worst, (left * throughMeans + rho * sigma / Math.sqrt(weight)) / Math.abs(intercept));
        }
        return worst;
    }

    /**
     * The fast solve cannot vouch for its answer.
     *
     * @param reason why, for the log
     */
    record Rejected(String reason, double[] refinedParameters) implements Outcome {

        Rejected(String reason) {
            this(reason, null);
        }
    }

    /**
     * Solves the problem by the normal equations if their answer can be trusted.
     *
     * @param parallelism the largest number of threads to use, &ge; 1
     * @throws RankDeficientException if an intercept is fitted and a feature column is constant
     */
    static Outcome solve(Problem problem, int parallelism) {
        return solve(new InMemory(problem, parallelism, null), Limits.IN_MEMORY);
    }

    /**
     * Solves the problem whose rows {@code problem} reads, in two passes (three when the fit is nearly exact).
     *
     * @throws RankDeficientException if an intercept is fitted and a feature column is constant
     */
    static Outcome solve(Rows problem, Limits limits) {
        // First: a chunked source learns its columns from its first chunk. With a pilot estimate the first
        // refinement step is summed in the Gram pass itself, saving a read of the rows; that step comes on top of the
        // limit, so a fused step that falls short is followed by an ordinary one.
        FirstPass read = problem.first();
        double[] pilot = read.pilot();
        GramPass first = read.gram();
        int p = problem.features();
        int k = problem.parameters();
        GramAccumulator gram = first.gram();
        if (!first.constantColumns().isEmpty()) {
            throw LeastSquares.constantColumns(k, first.constantColumns());
        }
        if (!gram.isFinite()) {
            return new Rejected("the Gram matrix overflows");
        }
        Scaling scaling = ScaledSystem.of(gram, problem);
        if (scaling instanceof Unscaled unscaled) {
            return new Rejected(unscaled.reason());
        }
        ScaledSystem system = (ScaledSystem) scaling;
        double[] c = system.c();
        double[][] inverse = system.inverse();
        double conditionR = Math.max(1.0, LowerTriangular.normInf(system.factor()) * LowerTriangular.normInf(inverse));
        double inverseNorm = LowerTriangular.inverseNorm1Estimate(inverse);
        double contraction = (k + Math.sqrt((double) first.largestRun() + first.runs())) * UNIT_ROUNDOFF
                * norm1(c, p) * inverseNorm;
        if (!(contraction <= limits.maxContraction()) || !Double.isFinite(conditionR)) {
            return new Rejected(String.format(Locale.ROOT, "normal equations: contraction %.1e > %.0e "
                    + "(condition of the scaled Gram ~ %.1e)", contraction, limits.maxContraction(),
                    norm1(c, p) * inverseNorm));
        }

        boolean fit = problem.hasIntercept();
        double total = gram.weight();
        double[] rawNorm = new double[p];
        for (int j = 0; j < p; j++) {
            rawNorm[j] = Math.sqrt(gram.centred(j, j) + total * gram.mean(j) * gram.mean(j));
        }
        double[] meanLow = new double[p + 1];
        for (int j = 0; j <= p && fit; j++) {
            meanLow[j] = gram.meanLow(j);
        }
        Factor factored = new Factor(c, system.scale(), rawNorm, system.mean(), meanLow, total, inverse, inverseNorm,
                contraction, conditionR);
        int gramPasses = pilot == null ? 1 : 0; // the fused step's read is the Gram pass's
        double[] theta0 = pilot == null ? system.solve() : null;
        Outcome outcome = pilot == null
                ? refine(problem, first, factored, theta0, problem.refinement(theta0), 1, gramPasses)
                : refine(problem, first, factored, pilot, read.refinement(), 1, gramPasses);
        int steps = limits.maxRefinements() + (pilot == null ? 0 : 1);
        for (int step = 2; step <= steps && outcome instanceof Rejected rejected
                && rejected.refinedParameters() != null; step++) {
            double[] theta = rejected.refinedParameters();
            outcome = refine(problem, first, factored, theta, problem.refinement(theta), step, gramPasses);
        }
        return outcome;
    }

    /** A {@link ScaledSystem}, or why a Gram matrix has none. */
    private sealed interface Scaling permits ScaledSystem, Unscaled {
    }

    /** Why a Gram matrix gives no scaled system. */
    private record Unscaled(String reason) implements Scaling {
    }

    /**
     * The scaled normal equations of a Gram matrix, factorised: C = S⁻¹ M S⁻¹ (+ λS⁻²) with S the square roots of M's
     * diagonal, the right-hand side S⁻¹m_y, the means (zero without an intercept), C = LLᵀ and L⁻¹.
     */
    private record ScaledSystem(boolean fit, double[] c, double[] rhs, double[] scale, double[] mean,
                                double[][] factor, double[][] inverse) implements Scaling {

        /** The system of {@code gram} for the problem's intercept and ridge, or why it has none. */
        static Scaling of(GramAccumulator gram, Rows problem) {
            int p = problem.features();
            boolean fit = problem.hasIntercept();
            double total = gram.weight();
            double[] mean = new double[p + 1];
            for (int j = 0; j <= p; j++) {
                mean[j] = fit ? gram.mean(j) : 0.0;
            }
            double[] scale = new double[p];
            for (int j = 0; j < p; j++) {
                double diagonal = entry(gram, j, j, fit);
                if (!(diagonal > TINY * total)) {
                    return new Unscaled("column '" + problem.featureNames().get(j)
                            + "' has almost no weighted spread");
                }
                scale[j] = Math.sqrt(diagonal);
            }
            double[] c = new double[p * p];
            double[] rhs = new double[p];
            for (int j = 0; j < p; j++) {
                for (int m = 0; m <= j; m++) {
                    double v = entry(gram, j, m, fit) / scale[j] / scale[m];
                    c[j * p + m] = v;
                    c[m * p + j] = v;
                }
                c[j * p + j] += problem.ridge() / scale[j] / scale[j];
                rhs[j] = entry(gram, p, j, fit) / scale[j];
            }
            Optional<double[][]> factor = OjAlgo.cholesky(c.clone(), p);
            if (factor.isEmpty()) {
                return new Unscaled("the scaled Gram matrix is not numerically positive definite");
            }
            return new ScaledSystem(fit, c, rhs, scale, mean, factor.get(), LowerTriangular.inverse(factor.get()));
        }

        /** θ₀, the solution of these normal equations, intercept first when fitted. */
        double[] solve() {
            int p = scale.length;
            int offset = fit ? 1 : 0;
            double[] gamma = LowerTriangular.solve(inverse, rhs);
            double[] theta = new double[p + offset];
            double b0 = mean[p];
            for (int j = 0; j < p; j++) {
                theta[j + offset] = gamma[j] / scale[j];
                b0 -= mean[j] * theta[j + offset];
            }
            if (fit) {
                theta[0] = b0;
            }
            return theta;
        }
    }

    /** The scaled Gram matrix and everything derived from it that the refinement step needs. */
    private record Factor(double[] c, double[] scale, double[] rawNorm, double[] mean, double[] meanLow, double total,
                          double[][] inverse, double inverseNorm, double contraction, double conditionR) {
    }

    /**
     * One refinement step from θ₀, whose sums over the rows are {@code pass}.
     *
     * @param gramPasses 1, or 0 when the first step's sums were read in the Gram pass
     */
    private static Outcome refine(Rows problem, GramPass first, Factor f, double[] theta0, RefinementAccumulator pass,
                                  int step, int gramPasses) {
        int p = problem.features();
        int k = problem.parameters();
        boolean fit = problem.hasIntercept();
        int offset = fit ? 1 : 0;
        // δ solves (AᵀWA + λI′)δ = Aᵀ W r₀ − λβ₀; with an intercept, by block elimination through the centred Gram:
        // δβ = M⁻¹(g_x − x̄·g₀ − λβ₀), δb = g₀/W − x̄ᵀδβ. Each right-hand side carries its rounding error too.
        double u = UNIT_ROUNDOFF;
        // Dot2's γ² (Ogita, Rump and Oishi 2005, Prop. 5.5), for the longest chain of compensated additions: the
        // rows of one row slot, then the slots of a range, then the ranges.
        double chain = (double) first.largestRun() / pass.slots() + pass.slots() + first.runs();
        double dotError = Math.pow(2.0 * chain * u, 2);
        double g0 = fit ? pass.interceptGradient() : 0.0;
        double g0Low = fit ? pass.interceptGradientLow() : 0.0;
        // Σ w|r| ≤ √W·‖r‖ and Σ w|r·x_j| ≤ ‖x_j‖·‖r‖ (Cauchy–Schwarz, w-weighted norms) bound the terms of the sums.
        double residualNorm = Math.sqrt(pass.sumOfSquares());
        double g0Error = fit ? dotError * Math.sqrt(f.total()) * residualNorm : 0.0;
        double[] h = new double[p];
        double largestError = 0;
        for (int j = 0; j < p; j++) {
            // g_x − x̄·g₀ cancels when the mean is large against the spread: form it in double-double, from the
            // sums' (high, low) pairs and the mean's, so only its final rounding is lost.
            double meanHigh = f.mean()[j];
            double meanLow = f.meanLow()[j];
            double product = meanHigh * g0;
            double productLow = Math.fma(meanHigh, g0, -product) + meanHigh * g0Low + meanLow * g0;
            double high = pass.gradient(j);
            double difference = high - product;
            double z = difference - high;
            double low = ((high - (difference - z)) + (-product - z)) + pass.gradientLow(j) - productLow;
            double penalty = problem.ridge() * theta0[j + offset];
            double centred = difference + (low - penalty);
            h[j] = centred / f.scale()[j];
            double error = 2 * u * (Math.abs(centred) + Math.abs(penalty)) + 4 * u * u * Math.abs(product)
                    + dotError * f.rawNorm()[j] * residualNorm + Math.abs(meanHigh) * g0Error;
            largestError = Math.max(largestError, error / f.scale()[j]);
        }
        double[] deltaGamma = LowerTriangular.solve(f.inverse(), h);
        double[] theta = new double[k];
        double[] delta = new double[k];
        double deltaNorm = 0;
        for (int j = 0; j < p; j++) {
            delta[j + offset] = deltaGamma[j] / f.scale()[j];
            theta[j + offset] = theta0[j + offset] + delta[j + offset];
            deltaNorm = Math.hypot(deltaNorm, deltaGamma[j]);
        }
        if (fit) {
            double db = (g0 + g0Low) / f.total();
            for (int j = 0; j < p; j++) {
                db -= f.mean()[j] * delta[j + 1];
            }
            delta[0] = db;
            theta[0] = theta0[0] + db;
        }

        // What one step leaves of the initial error, plus the gradient's rounding, in scaled units (all components).
        double rho = f.contraction();
        double scaledError = rho / (1 - rho) * deltaNorm + f.inverseNorm() * largestError;
        double worst = 0;
        double interceptError = fit
                ? (g0Error + u * Math.abs(g0)) / f.total() + 2 * u * Math.abs(theta[0]) + rho * Math.abs(delta[0])
                : 0;
        for (int j = 0; j < p; j++) {
            // Before its own final rounding, which the intercept (refined from δ, not from β) does not inherit.
            double error = (scaledError + u * Math.abs(deltaGamma[j])) / f.scale()[j];
            worst = Math.max(worst, (error + 2 * u * Math.abs(theta[j + offset])) / Math.abs(theta[j + offset]));
            interceptError += Math.abs(f.mean()[j]) * (error + u * Math.abs(delta[j + offset]));
        }
        if (fit) {
            worst = Math.max(worst, interceptError / Math.abs(theta[0]));
        }
        if (!(worst <= LeastSquares.TRUSTED_RELATIVE_ERROR)) {
            return new Rejected(String.format(Locale.ROOT, "normal equations: refined error bound %.1e > %.0e "
                    + "after %d refinement step(s)", worst, LeastSquares.TRUSTED_RELATIVE_ERROR, step),
                    Double.isFinite(worst) ? theta : null);
        }
        int passes = gramPasses + step;
        double squares = sumOfSquares(problem, f, pass, delta, deltaGamma, g0);
        if (Double.isNaN(squares)) {
            squares = problem.sumOfSquares(theta);
            passes++;
        }
        return new Accepted(theta, f.conditionR(), worst, inverseDiagonal(f, fit), squares,
                totalSumOfSquares(first.gram(), fit), f.contraction(), step, passes);
    }

    /**
     * Σ w r₁² from the pass at θ₀: ‖r₀ − Aδ‖² = ‖r₀‖² − 2δᵀAᵀWr₀ + δᵀAᵀWAδ, exact in exact arithmetic; NaN when
     * the fit is nearly exact and the two sides cancel, so that the caller sums the residuals again at θ₁.
     */
    private static double sumOfSquares(Rows problem, Factor f, RefinementAccumulator pass, double[] delta,
                                       double[] deltaGamma, double g0) {
        int p = problem.features();
        int offset = problem.hasIntercept() ? 1 : 0;
        double linear = offset == 1 ? delta[0] * g0 : 0.0;
        double shift = offset == 1 ? delta[0] : 0.0;
        for (int j = 0; j < p; j++) {
            linear += delta[j + offset] * pass.gradient(j);
            shift += f.mean()[j] * delta[j + offset];
        }
        double quadratic = offset == 1 ? f.total() * shift * shift : 0.0;
        for (int j = 0; j < p; j++) {
            double row = 0;
            for (int m = 0; m < p; m++) {
                row += f.c()[j * p + m] * deltaGamma[m];
            }
            row -= problem.ridge() / f.scale()[j] / f.scale()[j] * deltaGamma[j];
            quadratic += deltaGamma[j] * row;
        }
        double before = pass.sumOfSquares();
        double drop = 2 * linear - quadratic;
        if (drop > 0.5 * before) {
            return Double.NaN;
        }
        return Math.max(0.0, before - drop);
    }

    /** Σ w (y − ȳ)² with an intercept, Σ w y² without, from the Gram pass (the target is its last column). */
    private static double totalSumOfSquares(GramAccumulator gram, boolean fit) {
        int target = gram.columns() - 1;
        double centred = gram.centred(target, target);
        return fit ? centred : Math.fma(gram.weight() * gram.mean(target), gram.mean(target), centred);
    }

    /** diag((XᵀWX)⁻¹) in original units: (M⁻¹)_jj = (C⁻¹)_jj / s_j², and 1/W + x̄ᵀM⁻¹x̄ for the intercept. */
    private static double[] inverseDiagonal(Factor f, boolean fit) {
        int p = f.scale().length;
        int offset = fit ? 1 : 0;
        double[] scaled = LowerTriangular.inverseGramDiagonal(f.inverse());
        double[] diagonal = new double[p + offset];
        for (int j = 0; j < p; j++) {
            diagonal[j + offset] = scaled[j] / f.scale()[j] / f.scale()[j];
        }
        if (fit) {
            double[] m = new double[p];
            for (int j = 0; j < p; j++) {
                m[j] = f.mean()[j] / f.scale()[j];
            }
            double sum = 0;
            for (double v : LowerTriangular.times(f.inverse(), m)) {
                sum += v * v;
            }
            diagonal[0] = 1.0 / f.total() + sum;
        }
        return diagonal;
    }

    private static boolean isConstant(Dataset data, int column) {
        double first = data.feature(0, column);
        for (int i = 1; i < data.rowCount(); i++) {
            if (data.feature(i, column) != first) {
                return false;
            }
        }
        return true;
    }

    /** Entry (j, m), m &le; j, of the Gram the fit needs: centred with an intercept, M + W·x̄x̄ᵀ without. */
    private static double entry(GramAccumulator gram, int j, int m, boolean fit) {
        double centred = m <= j ? gram.centred(j, m) : gram.centred(m, j);
        return fit ? centred : Math.fma(gram.weight() * gram.mean(j), gram.mean(m), centred);
    }

    /** The 1-norm of a symmetric p x p matrix. */
    private static double norm1(double[] c, int p) {
        double largest = 0;
        for (int j = 0; j < p; j++) {
            double sum = 0;
            for (int m = 0; m < p; m++) {
                sum += Math.abs(c[j * p + m]);
            }
            largest = Math.max(largest, sum);
        }
        return largest;
    }
}
