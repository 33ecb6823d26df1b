package io.maas.model;

import io.maas.data.Dataset;
import io.maas.internal.ExtendedFit;
import io.maas.internal.ExtendedSolver;
import io.maas.solver.GradientDescent;
import io.maas.solver.LeastSquares;
import io.maas.solver.LinearSolver;
import java.util.Objects;

/**
 * Linear regression, y = b + xᵀβ, fitted by a least-squares solver. Immutable and safe to share.
 *
 * <p>{@code LinearRegression.leastSquares().fit(training)} returns a {@link LinearModel}.
 */
public final class LinearRegression implements Estimator, ExtendedFit {

    private static final LinearRegression DEFAULTS = new LinearRegression(LeastSquares.defaults());

    private final LinearSolver solver;

    private LinearRegression(LinearSolver solver) {
        this.solver = solver;
    }

    /**
     * Returns ordinary least squares with an intercept and the default solver options
     * ({@link LeastSquares#defaults()}: QR, extended precision when needed, gradient-descent fallback).
     *
     * @return the default linear regression
     */
    public static LinearRegression leastSquares() {
        return DEFAULTS;
    }

    /**
     * Returns linear regression fitted by the given solver.
     *
     * @param solver the least-squares solver and its options
     * @return a linear regression using it
     */
    public static LinearRegression leastSquares(LeastSquares solver) {
        return new LinearRegression(Objects.requireNonNull(solver, "solver"));
    }

    /**
     * Returns linear regression fitted by gradient descent on J(θ) = 1/(2m) Σ (θᵀx_i + b − y_i)².
     *
     * @param gradientDescent the gradient-descent options
     * @return a linear regression using it
     */
    public static LinearRegression gradientDescent(GradientDescent gradientDescent) {
        return new LinearRegression(Objects.requireNonNull(gradientDescent, "gradientDescent"));
    }

    /**
     * Fits the model with the configured solver.
     *
     * @param training the rows to learn from; not modified
     * @return the fitted linear model
     * @throws IllegalArgumentException        if the data cannot be used (the message names the problem)
     * @throws io.maas.solver.SolverException if the solver cannot produce a trustworthy answer
     */
    @Override
    public LinearModel fit(Dataset training) {
        return new LinearModel(solver.solve(training));
    }

    /**
     * Fits a design evaluated in double-double precision when the solver can use it (least squares), otherwise the
     * rounded design.
     *
     * @param high the design rounded to double, with its target
     * @param low  the low-order parts, row-major n x p
     * @return the fitted linear model
     */
    @Override
    public LinearModel fitExtended(Dataset high, double[] low) {
        if (solver instanceof ExtendedSolver extended) {
            return new LinearModel(extended.solveExtended(high, low));
        }
        return fit(high);
    }

    /**
     * Returns a description of the estimator and its solver.
     *
     * @return for example {@code LinearRegression[LeastSquares[intercept=FIT, precision=AUTO, ...]]}
     */
    @Override
    public String toString() {
        return "LinearRegression[" + solver + "]";
    }
}
