package io.maas.model;

import io.maas.solver.FitDiagnostics;
import io.maas.solver.LinearSolution;
import java.util.List;
import java.util.Objects;

/**
 * A fitted logistic regression: P(y = 1 | x) = σ(b + wᵀx) with σ(z) = 1/(1 + e^−z). Immutable and safe to call from
 * many threads at once; a prediction allocates nothing.
 */
public final class LogisticModel implements Classifier {

    private final LinearSolution solution;
    private final double intercept;
    private final double[] coefficients;
    private final double threshold;

    LogisticModel(LinearSolution solution, double threshold) {
        this.solution = Objects.requireNonNull(solution, "solution");
        this.intercept = solution.intercept();
        this.coefficients = solution.coefficients();
        this.threshold = threshold;
    }

    /**
     * Returns the fitted parameters and diagnostics.
     *
     * @return the solution: intercept b and coefficients w
     */
    public LinearSolution solution() {
        return solution;
    }

    @Override
    public List<String> featureNames() {
        return solution.featureNames();
    }

    @Override
    public FitDiagnostics diagnostics() {
        return solution.diagnostics();
    }

    @Override
    public double threshold() {
        return threshold;
    }

    /**
     * Returns the probability of label 1 for one row.
     *
     * @param row p finite feature values; not modified
     * @return P(y = 1 | row), in [0, 1]
     * @throws IllegalArgumentException if the row has the wrong width or a non-finite value
     */
    @Override
    public double predict(double[] row) {
        Objects.requireNonNull(row, "row");
        double z = Models.linearCombination(intercept, coefficients, row, solution.featureNames());
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("the margin overflows for the row " + java.util.Arrays.toString(row));
        }
        return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
    }

    @Override
    public String toString() {
        return "LogisticModel" + solution.toString().substring("LinearSolution".length());
    }

    /**
     * Rebuilds a fitted logistic model from its parameters, as a model file stores them.
     *
     * @param solution  the intercept b, coefficients w and diagnostics of the fit
     * @param threshold the probability at or above which label 1 is predicted, strictly between 0 and 1
     * @return the model
     * @throws IllegalArgumentException if the threshold is not in (0, 1)
     */
    public static LogisticModel of(LinearSolution solution, double threshold) {
        Objects.requireNonNull(solution, "solution");
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be strictly between 0 and 1 but was " + threshold);
        }
        return new LogisticModel(solution, threshold);
    }
}
