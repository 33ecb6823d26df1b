/**
 * Models: an {@link io.maas.model.Estimator} is the unfitted configuration of a model and its
 * {@link io.maas.model.Estimator#fit} returns an immutable, thread-safe {@link io.maas.model.Model} that predicts.
 *
 * <p>{@link io.maas.model.LinearRegression} fits a {@link io.maas.model.LinearModel} by least squares. Models are
 * usually used through {@link io.maas.pipeline.Pipeline}, which adds the steps before and after the fit.
 */
package io.maas.model;
