/**
 * Tabular training data: the immutable {@link io.maas.data.Dataset}, reading it from CSV
 * ({@link io.maas.data.CsvFormat}), reproducible train/test splits ({@link io.maas.data.TrainTestSplit}) and the
 * bundled sample data ({@link io.maas.data.SampleData}).
 *
 * <p>A typical flow: {@code CsvFormat.defaults().read(path)} reads a numeric CSV whose last column is the target,
 * {@code TrainTestSplit.shuffled(data, 0.8, 42)} splits it, and the two parts go to
 * {@link io.maas.pipeline.Pipeline#fit} and {@link io.maas.pipeline.FittedPipeline#evaluate}. Bad input is
 * rejected while reading, with a {@link io.maas.data.DataFormatException} naming the line, column and text.
 */
package io.maas.data;
