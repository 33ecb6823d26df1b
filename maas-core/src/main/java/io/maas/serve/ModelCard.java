package io.maas.serve;

import io.maas.model.Classifier;
import io.maas.model.Task;
import io.maas.pipeline.FittedPipeline;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code GET /model} tells a client about the model it is calling: its name, task, target, features (the
 * order {@code "X"} rows follow) and the number of rows it was fitted on. An immutable value.
 *
 * <p>The server can also serve a card written elsewhere (the one saved with a model file) as pre-rendered JSON;
 * this record is the card of a model that has none.
 *
 * @param name         the model's name, as in the metrics' {@code model} label
 * @param task         what the model predicts
 * @param targetName   the name of the predicted target
 * @param featureNames the features a row holds, in order; copied
 * @param trainingRows the number of rows the model was fitted on, &ge; 1
 */
public record ModelCard(String name, Task task, String targetName, List<String> featureNames, int trainingRows) {

    /**
     * Checks the card and copies the feature names.
     *
     * @param name         the model's name
     * @param task         what the model predicts
     * @param targetName   the target's name
     * @param featureNames the features, in order
     * @param trainingRows the number of training rows
     * @throws IllegalArgumentException if {@code trainingRows} is less than 1 or there are no features
     */
    public ModelCard {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(targetName, "targetName");
        featureNames = List.copyOf(featureNames);
        if (featureNames.isEmpty() || trainingRows < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a model card needs at least one feature and one training row but has %d and %d",
                    featureNames.size(), trainingRows));
        }
    }

    /**
     * Returns the card of a fitted pipeline.
     *
     * @param name     the model's name
     * @param pipeline the fitted pipeline
     * @return its card: classification if its model is a {@link Classifier}, else regression
     */
    public static ModelCard of(String name, FittedPipeline pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        Task task = pipeline.model() instanceof Classifier ? Task.CLASSIFICATION : Task.REGRESSION;
        return new ModelCard(name, task, pipeline.targetName(), pipeline.featureNames(), pipeline.trainingRows());
    }

    /**
     * Returns the card as a JSON object: {@code {"name": ..., "task": "regression", "target": ...,
     * "features": [...], "training_rows": 442}}.
     *
     * @return the JSON text, UTF-8 safe
     */
    public String toJson() {
        byte[] json = Json.write(generator -> {
            generator.writeStartObject();
            generator.writeStringField("name", name);
            generator.writeStringField("task", task.name().toLowerCase(Locale.ROOT));
            generator.writeStringField("target", targetName);
            generator.writeArrayFieldStart("features");
            for (String feature : featureNames) {
                generator.writeString(feature);
            }
            generator.writeEndArray();
            generator.writeNumberField("training_rows", trainingRows);
            generator.writeEndObject();
        });
        return new String(json, StandardCharsets.UTF_8);
    }
}
