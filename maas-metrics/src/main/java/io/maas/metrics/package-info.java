/**
 * Metrics that tell whether a model is good: pure functions over arrays of actual and predicted values.
 *
 * <p>{@link io.maas.metrics.RegressionMetrics} scores regression predictions (MSE, RMSE, MAE, R²) with the
 * definitions and degenerate-case conventions of scikit-learn 1.2. Every function validates its input before it
 * computes anything: arrays of different lengths, empty arrays and non-finite values are rejected with an
 * {@link java.lang.IllegalArgumentException} that names the lengths or the offending index.
 */
package io.maas.metrics;
