package io.maas.solver;

import io.maas.data.Dataset;

/**
 * Fits a linear model y ≈ b + xᵀβ to a dataset. Implementations are immutable and safe to share; each call is
 * independent.
 */
public interface LinearSolver {

    /**
     * Fits the features of {@code data} to its target.
     *
     * @param data the training data, n rows x p features; not modified
     * @return the fitted parameters and what happened during the fit
     * @throws SolverException          if no trustworthy solution can be produced (the message says why)
     * @throws IllegalArgumentException if the data cannot be used (the message names the problem)
     */
    LinearSolution solve(Dataset data);
}
