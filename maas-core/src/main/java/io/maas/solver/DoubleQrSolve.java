package io.maas.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * The double-precision direct solve: centre (with weights) when an intercept is fitted, scale each column to unit
 * length, append the ridge rows, and solve by ojAlgo's Householder QR. Also estimates the condition number of the
 * solve and the resulting error bound, which {@link Precision#AUTO} uses to decide on an extended-precision solve.
 *
 * <p>Centering removes the intercept exactly (b = ȳ − x̄ᵀβ afterwards) and is better conditioned than a column of
 * ones; unit columns make the rank decision and the condition estimate independent of the features' units, and
 * Householder QR is otherwise insensitive to column scaling. Ridge is solved as the augmented least-squares problem
 * [√W·Xc; √λ·I] β = [√W·yc; 0], so the penalty never squares the condition number.
 */
final class DoubleQrSolve {

    /** Unit roundoff of double precision, 2^-53. */
    static final double UNIT_ROUNDOFF = 0x1p-53;

    private DoubleQrSolve() {
    }

    /**
     * The result of the double solve.
     *
     * @param parameters        θ with the intercept first when fitted
     * @param conditionEstimate κ₁(R) = ‖R‖₁·‖R⁻¹‖₁ of the centred, column-scaled (and ridge-augmented) design
     * @param relativeErrorBound the largest estimated relative error of any parameter: the first-order normwise bound
     *                          k·u·(κ + κ²·‖r‖/‖γ‖) on the scaled coefficients γ (Golub and Van Loan, Matrix
     *                          Computations, 4th ed., 5.3.8) spread to each parameter by its size, with the
     *                          cancellation in the intercept added
     * @param inverseGramDiagonal diag((XᵀWX)⁻¹) in original units, intercept first; only meaningful without ridge
     */
    record Result(double[] parameters, double conditionEstimate, double relativeErrorBound,
                  double[] inverseGramDiagonal) {
    }

    static Result solve(Problem problem) {
        int n = problem.rows();
        int p = problem.features();
        boolean ridge = problem.ridge() > 0;
        int m = n + (ridge ? p : 0);
        double[] design = new double[Math.multiplyExact(m, p)];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            problem.data().copyRow(i, row, 0);
            for (int j = 0; j < p; j++) {
                design[j * m + i] = row[j];
            }
        }
        double totalWeight = 0;
        double[] sqrtWeight = new double[n];
        for (int i = 0; i < n; i++) {
            totalWeight += problem.weight(i);
            sqrtWeight[i] = Math.sqrt(problem.weight(i));
        }
        double[] means = new double[p];
        double[] rhs = new double[m];
        System.arraycopy(problem.y(), 0, rhs, 0, n);
        double yMean = 0;
        if (problem.hasIntercept()) {
            for (int j = 0; j < p; j++) {
                means[j] = centre(design, j * m, n, problem);
            }
            yMean = centre(rhs, 0, n, problem);
        }
        double[] scale = new double[p];
        List<String> zeroColumns = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                design[j * m + i] *= sqrtWeight[i];
            }
            scale[j] = norm(design, j * m, n);
            if (scale[j] == 0) {
                zeroColumns.add(problem.featureNames().get(j));
                continue;
            }
            for (int i = 0; i < n; i++) {
                design[j * m + i] /= scale[j];
            }
            if (ridge) {
                design[j * m + n + j] = Math.sqrt(problem.ridge()) / scale[j];
            }
        }
        if (!zeroColumns.isEmpty()) {
            int k = problem.parameters();
            throw new RankDeficientException(k - zeroColumns.size(), k, zeroColumns, problem.hasIntercept()
                    ? "a column that is constant over the weighted rows duplicates the intercept; drop it"
                    : "a column that is zero over the weighted rows has no effect on the fit; drop it");
        }
        for (int i = 0; i < n; i++) {
            rhs[i] *= sqrtWeight[i];
        }

        OjAlgo.QrSolution qr = OjAlgo.leastSquares(design, m, rhs, problem.featureNames(),
                problem.hasIntercept() ? 1 : 0);
        double[][] rInverse = upperTriangularInverse(qr.r());
        double condition = Math.max(1.0, norm1(qr.r()) * norm1(rInverse));

        int offset = problem.hasIntercept() ? 1 : 0;
        double[] theta = new double[p + offset];
        double intercept = yMean;
        for (int j = 0; j < p; j++) {
            theta[j + offset] = qr.solution()[j] / scale[j];
            intercept -= means[j] * theta[j + offset];
        }
        if (offset == 1) {
            theta[0] = intercept;
        }

        double residualNorm = Math.sqrt(Residuals.sumOfSquares(problem, theta, new double[theta.length]));
        double gammaNorm = 0;
        for (double g : qr.solution()) {
            gammaNorm = Math.hypot(gammaNorm, g);
        }
        // Normwise first-order bound on the scaled coefficients γ (Golub and Van Loan, 4th ed., 5.3.8), with
        // ‖A‖₂ >= 1 for unit columns, then spread per parameter: a coefficient small against ‖γ‖ carries the same
        // absolute error, and the intercept b = ȳ − x̄ᵀβ also inherits the cancellation of its terms.
        double eta = gammaNorm > 0 ? residualNorm / gammaNorm : Double.POSITIVE_INFINITY;
        double normwise = (p + offset) * UNIT_ROUNDOFF * (condition + condition * condition * eta);
        double worst = 0;
        double interceptTerms = Math.abs(yMean);
        double interceptError = 0;
        for (int j = 0; j < p; j++) {
            double absoluteError = normwise * gammaNorm / scale[j];
            worst = Math.max(worst, absoluteError / Math.abs(theta[j + offset]));
            interceptTerms += Math.abs(means[j] * theta[j + offset]);
            interceptError += Math.abs(means[j]) * absoluteError;
        }
        if (offset == 1) {
            interceptError += UNIT_ROUNDOFF * (p + 1) * interceptTerms;
            worst = Math.max(worst, interceptError / Math.abs(theta[0]));
        }
        double bound = worst; // +Infinity when a parameter is exactly 0: its relative error cannot be bounded

        double[] inverseDiagonal = new double[p + offset];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            for (int c = j; c < p; c++) {
                sum += rInverse[j][c] * rInverse[j][c];
            }
            inverseDiagonal[j + offset] = sum / (scale[j] * scale[j]);
        }
        if (offset == 1) {
            // Var(b)/s² = 1/W + x̄ᵀ(XcᵀWXc)⁻¹x̄ = 1/W + ‖R⁻ᵀ S⁻¹ x̄‖²
            double sum = 0;
            for (int i = 0; i < p; i++) {
                double v = 0;
                for (int j = 0; j <= i; j++) {
                    v += rInverse[j][i] * means[j] / scale[j];
                }
                sum += v * v;
            }
            inverseDiagonal[0] = 1.0 / totalWeight + sum;
        }
        return new Result(theta, condition, bound, inverseDiagonal);
    }

    /** Subtracts the weighted mean of values[from..from+n) in place and returns it, with a correction pass. */
    /**
     * Subtracts the weighted mean from {@code values[from, from + n)} and returns what was subtracted.
     *
     * <p>Two passes: x − m is exact for m the mean rounded to double (Sterbenz), but m itself misses the true mean by
     * up to half an ulp, so the centred column keeps a mean δ. Regressing on columns that are not orthogonal to the
     * intercept biases every slope by about δ²/var(x) relative: 3e-9 for data at 1e12 with unit spread. The second
     * pass subtracts the centred column's own mean, which is small and computed to full relative accuracy, leaving a
     * mean at rounding level of the spread, not of the offset.
     */
    private static double centre(double[] values, int from, int n, Problem problem) {
        double first = weightedMean(values, from, n, problem);
        for (int i = 0; i < n; i++) {
            values[from + i] -= first;
        }
        double second = weightedMean(values, from, n, problem);
        for (int i = 0; i < n; i++) {
            values[from + i] -= second;
        }
        return first + second;
    }

    /** Σ w_i·v_i / Σ w_i, with one correction pass. */
    private static double weightedMean(double[] values, int from, int n, Problem problem) {
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < n; i++) {
            sum += problem.weight(i) * values[from + i];
            weight += problem.weight(i);
        }
        double mean = sum / weight;
        double correction = 0;
        for (int i = 0; i < n; i++) {
            correction += problem.weight(i) * (values[from + i] - mean);
        }
        return mean + correction / weight;
    }

    /** The 2-norm, scaled by the largest magnitude so that squares neither overflow nor underflow. */
    static double norm(double[] values, int from, int n) {
        double largest = 0;
        for (int i = from; i < from + n; i++) {
            largest = Math.max(largest, Math.abs(values[i]));
        }
        if (largest == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            double v = values[i] / largest;
            sum += v * v;
        }
        return largest * Math.sqrt(sum);
    }

    private static double[][] upperTriangularInverse(double[][] r) {
        int k = r.length;
        double[][] inverse = new double[k][k];
        for (int j = 0; j < k; j++) {
            inverse[j][j] = 1.0 / r[j][j];
            for (int i = j - 1; i >= 0; i--) {
                double sum = 0;
                for (int c = i + 1; c <= j; c++) {
                    sum += r[i][c] * inverse[c][j];
                }
                inverse[i][j] = -sum / r[i][i];
            }
        }
        return inverse;
    }

    /** The 1-norm (largest absolute column sum) of an upper triangular matrix. */
    private static double norm1(double[][] upper) {
        double largest = 0;
        for (int j = 0; j < upper.length; j++) {
            double sum = 0;
            for (int i = 0; i <= j; i++) {
                sum += Math.abs(upper[i][j]);
            }
            largest = Math.max(largest, sum);
        }
        return largest;
    }
}
