/**
 * Preprocessing stages of a pipeline, fitted on training data only: imputation of missing values
 * ({@link io.maas.preprocess.Impute}), scaling ({@link io.maas.preprocess.Scale}) and column selection
 * ({@link io.maas.preprocess.Columns}). Each factory returns an unfitted
 * {@link io.maas.pipeline.Stage}; fitting returns an immutable fitted stage whose learned parameters can be read.
 *
 * <pre>{@code
 * Pipeline.builder().preprocess(Columns.drop("sex"), Scale.standard()).model(LinearRegression.leastSquares())
 * }</pre>
 */
package io.maas.preprocess;
