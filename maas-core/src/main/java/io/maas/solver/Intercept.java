package io.maas.solver;

/** Whether a linear model has a constant term b in y = b + xᵀβ. */
public enum Intercept {
    /** Fit the intercept; it is not penalised and is computed by centering the data (better conditioned). */
    FIT,
    /** Fit a model through the origin, y = xᵀβ; the intercept is exactly 0. */
    NONE
}
