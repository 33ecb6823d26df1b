/**
 * Saving and loading fitted pipelines: {@link io.maas.persist.ModelFile} writes a
 * {@link io.maas.persist.SavedModel} (a {@link io.maas.pipeline.FittedPipeline} with its model card: maas version,
 * creation time, evaluation) as versioned, human-readable JSON and reads it back, strictly, throwing
 * {@link io.maas.persist.ModelFormatException} for any defect of the file. {@code docs/model-format.md} specifies
 * the format.
 *
 * <pre>{@code
 * FittedPipeline fitted = pipeline.fit(split.train());
 * ModelFile.save(SavedModel.of(fitted).withEvaluation(fitted.evaluate(split.test())), path);
 * SavedModel loaded = ModelFile.load(path);
 * double prediction = loaded.pipeline().predict(row); // bit-identical to fitted.predict(row)
 * }</pre>
 */
package io.maas.persist;
