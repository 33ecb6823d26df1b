package io.maas.persist;

import io.maas.pipeline.Evaluation;
import io.maas.pipeline.FittedPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A fitted pipeline with the model card that travels with it in a model file: what {@link ModelFile} saves and
 * loads. The card's other facts (feature names, target, training rows, fit diagnostics) are read from the pipeline
 * itself. An immutable value.
 *
 * <pre>{@code
 * ModelFile.save(SavedModel.of(fitted).withEvaluation(fitted.evaluate(test)), Path.of("diabetes.model.json"));
 * FittedPipeline loaded = ModelFile.load(Path.of("diabetes.model.json")).pipeline();
 * }</pre>
 *
 * @param pipeline    the fitted pipeline
 * @param evaluation  the evaluation of the pipeline on held-out rows, if one was run
 * @param created     when the saved model was made (normally right after the fit); kept when a loaded model is saved
 *                    again
 * @param maasVersion the version of maas that made it, such as {@code "0.1.0"}, or {@code "unknown"} when that maas
 *                    could not tell (run from a classes directory rather than its jar)
 */
public record SavedModel(FittedPipeline pipeline, Optional<Evaluation> evaluation, Instant created,
                         String maasVersion) {

    /** Where the Maven build puts the version into the jar. */
    private static final String POM_PROPERTIES = "/META-INF/maven/io.maas/maas-core/pom.properties";

    /**
     * Checks the values.
     *
     * @param pipeline    the fitted pipeline
     * @param evaluation  its evaluation, if any
     * @param created     when it was made
     * @param maasVersion the maas version that made it
     * @throws IllegalArgumentException if the version is blank, or the evaluation's diagnostics are not those of the
     *                                  pipeline's model (it evaluated another fit)
     */
    public SavedModel {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(maasVersion, "maasVersion");
        if (maasVersion.isBlank()) {
            throw new IllegalArgumentException("maasVersion must not be blank");
        }
        if (evaluation.isPresent() && !evaluation.get().diagnostics().equals(pipeline.model().diagnostics())) {
            throw new IllegalArgumentException("the evaluation is of another fit: its diagnostics ("
                    + evaluation.get().diagnostics() + ") are not those of the pipeline's model ("
                    + pipeline.model().diagnostics() + ")");
        }
    }

    /**
     * Returns a saved model of a pipeline, made now by this maas, without an evaluation.
     *
     * @param pipeline the fitted pipeline
     * @return the saved model
     */
    public static SavedModel of(FittedPipeline pipeline) {
        return new SavedModel(pipeline, Optional.empty(), Instant.now(), runningVersion());
    }

    /**
     * Returns the same saved model carrying an evaluation of its pipeline.
     *
     * @param evaluation the result of {@code pipeline().evaluate(test)}
     * @return a new saved model
     * @throws IllegalArgumentException if the evaluation is of another fit
     */
    public SavedModel withEvaluation(Evaluation evaluation) {
        return new SavedModel(pipeline, Optional.of(evaluation), created, maasVersion);
    }

    /** Returns the version of the running maas from its jar, or "unknown". */
    static String runningVersion() {
        try (InputStream in = SavedModel.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // A damaged jar: the version is informative only, so say it is unknown rather than fail the save.
        }
        return SavedModel.class.getModule().getDescriptor() != null
                ? SavedModel.class.getModule().getDescriptor().rawVersion().orElse("unknown")
                : "unknown";
    }
}
