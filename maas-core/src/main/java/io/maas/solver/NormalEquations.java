package io.maas.solver;

import io.maas.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
     * @param totalSumOfSquares   Σ w_i (y_i − ȳ)² with an intercept, Σ w_i y_i² without: the target's entry of the
     *                            Gram pass, accurate to about √chain·u relative (the centred sums, see
     *                            {@link GramAccumulator}), so R² = 1 − SSE/SST is off by at most that times 1 − R²
     */
    record Accepted(double[] parameters, double conditionEstimate, double relativeErrorBound,
                    double[] inverseGramDiagonal, double sumOfSquares, double totalSumOfSquares,
                    double inverseDiagonalError, int refinements)
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

    /** The rows of an in-memory problem, split into fixed ranges run on up to {@code parallelism} threads. */
    private record InMemory(Problem problem, int parallelism, RowTasks tasks) implements Rows {

        InMemory(Problem problem, int parallelism) {
            this(problem, parallelism, RowTasks.of(problem.rows(), problem.features() + 1));
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
                part.add(problem.data(), problem.y(), problem.weights(), tasks.from(t), tasks.to(t));
                return part;
            });
            GramAccumulator gram = parts.get(0);
            for (int t = 1; t < parts.size(); t++) {
                gram.merge(parts.get(t));
            }
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
                part.add(problem.data(), problem.y(), problem.weights(), tasks.from(t), tasks.to(t));
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
        return solve(new InMemory(problem, parallelism), Limits.IN_MEMORY);
    }

    /**
     * Solves the problem whose rows {@code problem} reads, in two passes (three when the fit is nearly exact).
     *
     * @throws RankDeficientException if an intercept is fitted and a feature column is constant
     */
    static Outcome solve(Rows problem, Limits limits) {
        GramPass first = problem.gram(); // first: a chunked source learns its columns from its first chunk
        int p = problem.features();
        int q = p + 1;
        int k = problem.parameters();
        boolean fit = problem.hasIntercept();
        GramAccumulator gram = first.gram();
        if (!first.constantColumns().isEmpty()) {
            throw LeastSquares.constantColumns(k, first.constantColumns());
        }
        if (!gram.isFinite()) {
            return new Rejected("the Gram matrix overflows");
        }

        double total = gram.weight();
        double[] mean = new double[q];
        for (int j = 0; j < q; j++) {
            mean[j] = fit ? gram.mean(j) : 0.0;
        }
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double diagonal = entry(gram, j, j, fit);
            if (!(diagonal > TINY * total)) {
                return new Rejected("column '" + problem.featureNames().get(j) + "' has almost no weighted spread");
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
            return new Rejected("the scaled Gram matrix is not numerically positive definite");
        }
        double[][] inverse = LowerTriangular.inverse(factor.get());
        double conditionR = Math.max(1.0, LowerTriangular.normInf(factor.get()) * LowerTriangular.normInf(inverse));
        double inverseNorm = LowerTriangular.inverseNorm1Estimate(inverse);
        double contraction = (k + Math.sqrt((double) first.largestRun() + first.runs())) * UNIT_ROUNDOFF
                * norm1(c, p) * inverseNorm;
        if (!(contraction <= limits.maxContraction()) || !Double.isFinite(conditionR)) {
            return new Rejected(String.format(Locale.ROOT, "normal equations: contraction %.1e > %.0e "
                    + "(condition of the scaled Gram ~ %.1e)", contraction, limits.maxContraction(),
                    norm1(c, p) * inverseNorm));
        }

        int offset = fit ? 1 : 0;
        double[] gamma = LowerTriangular.solve(inverse, rhs);
        double[] theta0 = new double[k];
        double b0 = mean[p];
        for (int j = 0; j < p; j++) {
            theta0[j + offset] = gamma[j] / scale[j];
            b0 -= mean[j] * theta0[j + offset];
        }
        if (fit) {
            theta0[0] = b0;
        }
        double[] rawNorm = new double[p];
        for (int j = 0; j < p; j++) {
            rawNorm[j] = Math.sqrt(gram.centred(j, j) + total * gram.mean(j) * gram.mean(j));
        }
        double[] meanLow = new double[q];
        for (int j = 0; j < q && fit; j++) {
            meanLow[j] = gram.meanLow(j);
        }
        Factor factored = new Factor(c, scale, rawNorm, mean, meanLow, total, inverse, inverseNorm, contraction,
                conditionR);
        Outcome outcome = refine(problem, first, factored, theta0, 1);
        for (int step = 2; step <= limits.maxRefinements() && outcome instanceof Rejected rejected
                && rejected.refinedParameters() != null; step++) {
            outcome = refine(problem, first, factored, rejected.refinedParameters(), step);
        }
        return outcome;
    }

    /** The scaled Gram matrix and everything derived from it that the refinement step needs. */
    private record Factor(double[] c, double[] scale, double[] rawNorm, double[] mean, double[] meanLow, double total,
                          double[][] inverse, double inverseNorm, double contraction, double conditionR) {
    }

    private static Outcome refine(Rows problem, GramPass first, Factor f, double[] theta0, int step) {
        int p = problem.features();
        int k = problem.parameters();
        boolean fit = problem.hasIntercept();
        int offset = fit ? 1 : 0;
        RefinementAccumulator pass = problem.refinement(theta0);
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
        return new Accepted(theta, f.conditionR(), worst, inverseDiagonal(f, fit),
                sumOfSquares(problem, f, pass, theta, delta, deltaGamma, g0), totalSumOfSquares(first.gram(), fit),
                f.contraction(), step);
    }

    /**
     * Σ w r₁² from the pass at θ₀: ‖r₀ − Aδ‖² = ‖r₀‖² − 2δᵀAᵀWr₀ + δᵀAᵀWAδ, exact in exact arithmetic. When the
     * fit is nearly exact the two sides cancel, and the residuals are summed again at θ₁ (compensated).
     */
    private static double sumOfSquares(Rows problem, Factor f, RefinementAccumulator pass, double[] theta,
                                       double[] delta, double[] deltaGamma, double g0) {
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
            return problem.sumOfSquares(theta);
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
