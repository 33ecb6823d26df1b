package io.maas.model;

import io.maas.data.Dataset;

/**
 * The configuration of a model before it has seen data; {@link #fit} learns from training data and returns the
 * fitted model. Implementations are immutable and safe to share; each fit is independent.
 */
public interface Estimator {

    /**
     * Fits a model to the training data.
     *
     * @param training the rows to learn from; not modified
     * @return the fitted model, immutable
     * @throws IllegalArgumentException        if the data cannot be used by this model (the message says why)
     * @throws io.maas.solver.SolverException  if the numerical fit fails (the message says why)
     */
    Model fit(Dataset training);

    /**
     * Returns what the fitted model predicts.
     *
     * @return {@link Task#REGRESSION} unless the estimator is a classifier
     */
    default Task task() {
        return Task.REGRESSION;
    }
}
