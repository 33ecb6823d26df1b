/**
 * The entry point of maas: a {@link io.maas.pipeline.Pipeline} describes the steps from raw data to a fitted
 * model, and {@link io.maas.pipeline.Pipeline#fit} runs them and returns an immutable, thread-safe
 * {@link io.maas.pipeline.FittedPipeline} that predicts and evaluates.
 *
 * <pre>{@code
 * Dataset data = SampleData.diabetes();
 * TrainTestSplit split = TrainTestSplit.shuffled(data, 0.8, 42);
 * FittedPipeline model = Pipeline.builder()
 *         .model(LinearRegression.leastSquares())
 *         .build()
 *         .fit(split.train());
 * Evaluation evaluation = model.evaluate(split.test());
 * double mse = evaluation.scores().mse();
 * }</pre>
 */
package io.maas.pipeline;
