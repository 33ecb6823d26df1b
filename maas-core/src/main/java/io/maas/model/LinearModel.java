package io.maas.model;

import io.maas.solver.FitDiagnostics;
import io.maas.solver.LinearSolution;
import java.util.List;
import java.util.Objects;

/**
 * A fitted linear model, prediction = intercept + Σ coefficients[j] · row[j]. Immutable and safe to call from many
 * threads at once; a prediction allocates nothing.
 */
public final class LinearModel implements Model {

    private final LinearSolution solution;
    private final double intercept;
    private final double[] coefficients;

    /**
     * Wraps a least-squares solution as a model.
     *
     * @param solution the fitted parameters and diagnostics
     */
    public LinearModel(LinearSolution solution) {
        this.solution = Objects.requireNonNull(solution, "solution");
        this.intercept = solution.intercept();
        this.coefficients = solution.coefficients();
    }

    /**
     * Returns the fitted parameters and diagnostics.
     *
     * @return the solution
     */
    public LinearSolution solution() {
        return solution;
    }

    /**
     * Returns the intercept, b.
     *
     * @return the finite intercept; 0 when none was fitted
     */
    public double intercept() {
        return intercept;
    }

    /**
     * Returns a copy of the coefficients, in the order of {@link #featureNames()}.
     *
     * @return a new array of p finite values
     */
    public double[] coefficients() {
        return coefficients.clone();
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
    public double predict(double[] row) {
        Objects.requireNonNull(row, "row");
        double sum = Models.linearCombination(intercept, coefficients, row, solution.featureNames());
        if (!Double.isFinite(sum)) {
            throw new IllegalArgumentException("the prediction overflows a double for the row "
                    + java.util.Arrays.toString(row) + "; the features are far outside the training range");
        }
        return sum;
    }

    /**
     * Returns the intercept and coefficients by feature name.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return "LinearModel" + solution.toString().substring("LinearSolution".length());
    }
}
