/**
 * Tabular training data: the immutable {@link io.maas.data.Dataset}, reading it from CSV whole or in chunks
 * ({@link io.maas.data.CsvFormat}, {@link io.maas.data.DatasetChunks}), reproducible splits
 * ({@link io.maas.data.TrainTestSplit}, {@link io.maas.data.KFold}) and the bundled sample data
 * ({@link io.maas.data.SampleData}).
 *
 * <p>A typical flow: {@code CsvFormat.defaults().read(path)} reads a CSV whose last column is the target,
 * {@code TrainTestSplit.shuffled(data, 0.8, 42)} splits it, and the two parts go to
 * {@link io.maas.pipeline.Pipeline#fit} and {@link io.maas.pipeline.FittedPipeline#evaluate}. Bad input is
 * rejected while reading, with a {@link io.maas.data.DataFormatException} naming the line, column and text.
 * Missing cells and categorical columns are kept and counted; a model that cannot take them calls
 * {@link io.maas.data.Dataset#requireComplete()} and {@link io.maas.data.Dataset#requireNumeric()} before fitting.
 * A file larger than memory is read with {@code format.chunks(path)}, one bounded {@code Dataset} at a time.
 */
package io.maas.data;
