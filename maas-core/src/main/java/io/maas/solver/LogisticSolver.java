package io.maas.solver;

import io.maas.data.Dataset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Binary logistic regression with an L2 penalty, fitted by Newton's method: minimises
 * f(b, w) = ½‖w‖² + C Σ_i log(1 + exp(−s_i (wᵀx_i + b))), s_i = 2y_i − 1 for labels y_i ∈ {0, 1}, the objective of
 * scikit-learn's {@code LogisticRegression(penalty="l2", C=C)}; the intercept b is not penalised. Immutable and safe to
 * share.
 *
 * <p>Method. Each Newton step solves H δ = −∇f with H = diag(0, 1, ..., 1) + C Σ σ_i(1 − σ_i) a_i a_iᵀ,
 * a_i = (1, x_i), by ojAlgo's Cholesky, then backtracks until f decreases by at least 1e-4 of the predicted amount
 * (Armijo). The objective is strictly convex for any finite C &gt; 0, so the minimiser exists and is unique even when
 * the classes are perfectly separable (the penalty keeps w finite); convergence is quadratic near it. Stops when the
 * Newton decrement −∇fᵀδ falls below {@code 1e-24 · max(1, f)}, i.e. f is within rounding of its minimum.
 *
 * <p>Data: the target must hold only the labels 0 and 1, both present; each row's log-loss term is evaluated as
 * log1p(exp(−|z|)) + max(−z, 0), which never overflows.
 */
public final class LogisticSolver {

    private final double c;
    private final int maxIterations;

    private LogisticSolver(double c, int maxIterations) {
        this.c = c;
        this.maxIterations = maxIterations;
    }

    /**
     * Returns a solver with inverse regularisation strength C (scikit-learn's {@code C}; larger means less penalty).
     *
     * @param c C, finite and &gt; 0
     * @return a solver with at most 100 Newton iterations
     * @throws IllegalArgumentException if C is not finite and positive
     */
    public static LogisticSolver withC(double c) {
        if (!(c > 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("C must be finite and > 0 but was " + c);
        }
        return new LogisticSolver(c, 100);
    }

    /**
     * Returns the inverse regularisation strength.
     *
     * @return C
     */
    public double c() {
        return c;
    }

    /**
     * Fits the labels of {@code data}'s target.
     *
     * @param data rows with labels 0 or 1 in the target, both present; not modified
     * @return the intercept, coefficients and diagnostics (iterations, converged, final objective, history)
     * @throws IllegalArgumentException if a label is not 0 or 1 (naming the row) or only one class is present, or a
     *                                  value is missing or a column categorical (naming the columns)
     * @throws SolverException          if a Newton system cannot be solved
     */
    public LinearSolution solve(Dataset data) {
        Objects.requireNonNull(data, "data");
        data.requireNumeric();
        data.requireComplete();
        double[] y = labels(data);
        long start = System.nanoTime();
        int n = data.rowCount();
        int p = data.featureCount();
        int k = p + 1;
        double[] theta = new double[k];
        double[] row = new double[p];
        double[] gradient = new double[k];
        double[] hessian = new double[k * k];
        List<Double> history = new ArrayList<>();
        double objective = objective(data, y, theta, row);
        String reason = null;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            derivatives(data, y, theta, row, gradient, hessian);
            double[] step = OjAlgo.solvePositiveDefinite(hessian, negate(gradient));
            double decrement = 0;
            for (int j = 0; j < k; j++) {
                decrement -= gradient[j] * step[j];
            }
            if (decrement <= 1e-24 * Math.max(1.0, objective)) {
                history.add(objective);
                reason = String.format(Locale.ROOT, "Newton decrement %.1e at the minimum", decrement);
                break;
            }
            double t = 1.0;
            double[] candidate = new double[k];
            double next;
            int halvings = 0;
            do {
                for (int j = 0; j < k; j++) {
                    candidate[j] = theta[j] + t * step[j];
                }
                next = objective(data, y, candidate, row);
                t /= 2;
            } while (!(next <= objective - 1e-4 * 2 * t * decrement) && ++halvings < 60);
            if (!(next < objective)) {
                history.add(objective);
                reason = String.format(Locale.ROOT, "no further decrease (decrement %.1e): at the minimum to "
                        + "rounding", decrement);
                break;
            }
            theta = candidate;
            objective = next;
            history.add(objective);
        }
        boolean converged = reason != null;
        if (!converged) {
            reason = "reached maxIterations " + maxIterations;
        }
        double[] costs = history.stream().mapToDouble(Double::doubleValue).toArray();
        FitDiagnostics diagnostics = new FitDiagnostics(String.format(Locale.ROOT,
                "logistic regression, L2 (C = %s), Newton with Cholesky (ojAlgo)", c), Precision.DOUBLE, n, k,
                OptionalInt.empty(), OptionalDouble.empty(), iteration, converged, reason, objective, costs,
                List.of(), Duration.ofNanos(System.nanoTime() - start));
        double[] coefficients = java.util.Arrays.copyOfRange(theta, 1, k);
        return new LinearSolution(data.featureNames(), theta[0], coefficients, diagnostics, Optional.empty());
    }

    private static double[] labels(Dataset data) {
        double[] y = data.target();
        int ones = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0.0 && y[i] != 1.0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "row %d, target '%s': %s is not a binary label; logistic regression needs 0 or 1", i,
                        data.targetName(), y[i]));
            }
            ones += (int) y[i];
        }
        if (ones == 0 || ones == y.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "all %d rows have label %d in '%s'; logistic regression needs both classes", y.length,
                    ones == 0 ? 0 : 1, data.targetName()));
        }
        return y;
    }

    private double objective(Dataset data, double[] y, double[] theta, double[] row) {
        double penalty = 0;
        for (int j = 1; j < theta.length; j++) {
            penalty += theta[j] * theta[j];
        }
        double loss = 0;
        for (int i = 0; i < y.length; i++) {
            double z = margin(data, i, theta, row);
            // log(1 + e^z) − y z, evaluated without overflow
            loss += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - y[i] * z;
        }
        return 0.5 * penalty + c * loss;
    }

    private void derivatives(Dataset data, double[] y, double[] theta, double[] row, double[] gradient,
                             double[] hessian) {
        int k = theta.length;
        java.util.Arrays.fill(gradient, 0.0);
        java.util.Arrays.fill(hessian, 0.0);
        for (int i = 0; i < y.length; i++) {
            double z = margin(data, i, theta, row);
            double sigma = sigmoid(z);
            double r = c * (sigma - y[i]);
            double weight = c * sigma * (1 - sigma);
            gradient[0] += r;
            hessian[0] += weight;
            for (int a = 1; a < k; a++) {
                double xa = row[a - 1];
                gradient[a] += r * xa;
                hessian[a * k] += weight * xa;
                for (int b = 1; b <= a; b++) {
                    hessian[a * k + b] += weight * xa * row[b - 1];
                }
            }
        }
        for (int a = 1; a < k; a++) {
            gradient[a] += theta[a];
            hessian[a * k + a] += 1.0;
            for (int b = 0; b < a; b++) {
                hessian[b * k + a] = hessian[a * k + b];
            }
        }
    }

    /** b + wᵀx_i; leaves x_i in row. */
    private static double margin(Dataset data, int i, double[] theta, double[] row) {
        data.copyRow(i, row, 0);
        double z = theta[0];
        for (int j = 0; j < row.length; j++) {
            z += theta[j + 1] * row[j];
        }
        return z;
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    private static double[] negate(double[] values) {
        double[] negated = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            negated[i] = -values[i];
        }
        return negated;
    }

    /**
     * Returns the options.
     *
     * @return for example {@code LogisticSolver[C=1.0]}
     */
    @Override
    public String toString() {
        return "LogisticSolver[C=" + c + "]";
    }
}
