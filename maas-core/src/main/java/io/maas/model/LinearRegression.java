package io.maas.model;

import io.maas.data.Dataset;
import io.maas.solver.LeastSquares;
import java.util.Objects;

/**
 * Linear regression, y = b + xᵀβ, fitted by a least-squares solver. Immutable and safe to share.
 *
 * <p>{@code LinearRegression.leastSquares().fit(training)} returns a {@link LinearModel}.
 */
public final class LinearRegression implements Estimator {

    private static final LinearRegression DEFAULTS = new LinearRegression(LeastSquares.defaults());

    private final LeastSquares solver;

    private LinearRegression(LeastSquares solver) {
        this.solver = solver;
    }

    /**
     * Returns ordinary least squares with an intercept, solved by QR ({@link LeastSquares#defaults()}).
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
     * Fits the model by least squares.
     *
     * @param training the rows to learn from; not modified
     * @return the fitted linear model
     * @throws IllegalArgumentException               if there are fewer rows than parameters
     * @throws io.maas.solver.RankDeficientException if the features are collinear
     * @throws io.maas.solver.SolverException        if the factorisation fails
     */
    @Override
    public LinearModel fit(Dataset training) {
        return new LinearModel(solver.solve(training));
    }

    /**
     * Returns a description of the estimator and its solver.
     *
     * @return for example {@code LinearRegression[LeastSquares[QR, intercept=FIT]]}
     */
    @Override
    public String toString() {
        return "LinearRegression[" + solver + "]";
    }
}
