/**
 * The entry point of maas: a {@link io.maas.pipeline.Pipeline} describes the steps from raw data to a fitted
 * model (preprocess, features, model, evaluate), and {@link io.maas.pipeline.Pipeline#fit} runs them and returns an
 * immutable, thread-safe {@link io.maas.pipeline.FittedPipeline} that predicts and evaluates. Custom steps implement
 * {@link io.maas.pipeline.Stage} and {@link io.maas.pipeline.FittedStage}.
 *
 * <pre>{@code
 * TrainTestSplit split = TrainTestSplit.shuffled(SampleData.diabetes(), 0.8, 42);
 * FittedPipeline model = Pipeline.builder()
 *         .preprocess(Scale.standard())
 *         .features(Polynomial.degree(2))
 *         .model(LinearRegression.leastSquares())
 *         .evaluate(Metric.MSE, Metric.R2)
 *         .build()
 *         .fit(split.train());
 * double mse = model.evaluate(split.test()).value(Metric.MSE);
 * }</pre>
 */
package io.maas.pipeline;
