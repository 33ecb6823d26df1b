/**
 * Metrics that tell whether a model is good: pure functions over arrays of actual and predicted values, and
 * one-pass accumulators for data too large to hold.
 *
 * <p>{@link io.maas.metrics.RegressionMetrics} scores regression predictions (MSE, RMSE, MAE, R², explained
 * variance, maximum and median absolute error, optionally weighted); {@link io.maas.metrics.RegressionAccumulator}
 * computes the same scores a pair or a chunk at a time and merges partial results.
 * {@link io.maas.metrics.ClassificationMetrics} and {@link io.maas.metrics.ConfusionMatrix} score integer labels
 * (accuracy, precision, recall, F1 for a positive label or averaged as an {@link io.maas.metrics.Average}), and
 * scores or probabilities (ROC AUC, log loss).
 *
 * <p>Definitions and degenerate cases follow scikit-learn 1.2.1, and the tests reproduce its values to 1e-12
 * relative. Every function validates its input before it computes anything: arrays of different lengths, empty
 * arrays and non-finite values are rejected with an {@link java.lang.IllegalArgumentException} that names the
 * lengths or the offending index. Nothing returns NaN or an infinity: undefined cases have the scikit-learn
 * default value (documented on each method) or are rejected.
 */
package io.maas.metrics;
