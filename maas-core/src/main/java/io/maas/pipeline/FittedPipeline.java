package io.maas.pipeline;

import io.maas.data.Dataset;
import io.maas.metrics.RegressionMetrics;
import io.maas.model.Model;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A pipeline whose steps have been fitted: it predicts from raw feature rows and evaluates itself on test data.
 * Immutable and safe to share between threads without locking.
 */
public final class FittedPipeline {

    private final Pipeline pipeline;
    private final Model model;
    private final String targetName;
    private final int trainingRows;

    FittedPipeline(Pipeline pipeline, Model model, String targetName, int trainingRows) {
        this.pipeline = pipeline;
        this.model = model;
        this.targetName = targetName;
        this.trainingRows = trainingRows;
    }

    /**
     * Predicts the target for one row of raw features.
     *
     * @param row p finite values in the order of {@link #featureNames()}; not modified
     * @return the finite prediction
     * @throws IllegalArgumentException if the row has the wrong width or a non-finite value
     */
    public double predict(double[] row) {
        return model.predict(row);
    }

    /**
     * Predicts the target for every row of {@code data}.
     *
     * @param data rows with the training features, same names in the same order; its target is ignored
     * @return n predictions, in row order
     * @throws IllegalArgumentException if the features differ from the training features
     */
    public double[] predict(Dataset data) {
        return model.predict(data);
    }

    /**
     * Scores the predictions on {@code test} against its target.
     *
     * @param test held-out rows with the training features and target
     * @return the regression scores and the diagnostics of the fit
     * @throws IllegalArgumentException if the features or target differ from the training data's
     */
    public Evaluation evaluate(Dataset test) {
        Objects.requireNonNull(test, "test");
        if (!test.targetName().equals(targetName)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the test data's target is '%s' but the pipeline was fitted to predict '%s'",
                    test.targetName(), targetName));
        }
        double[] predictions = model.predict(test);
        return new Evaluation(RegressionMetrics.score(test.target(), predictions), model.diagnostics());
    }

    /**
     * Returns the fitted model, the last step.
     *
     * @return the model
     */
    public Model model() {
        return model;
    }

    /**
     * Returns the unfitted pipeline this was fitted from.
     *
     * @return the pipeline
     */
    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Returns the names of the raw features a row must hold, in order.
     *
     * @return an unmodifiable list
     */
    public List<String> featureNames() {
        return model.featureNames();
    }

    /**
     * Returns the name of the target this pipeline predicts.
     *
     * @return the target name
     */
    public String targetName() {
        return targetName;
    }

    /**
     * Returns the number of rows the pipeline was fitted on.
     *
     * @return n, &ge; 1
     */
    public int trainingRows() {
        return trainingRows;
    }

    /**
     * Returns the pipeline and the fitted model.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return "FittedPipeline[" + pipeline + ", " + model + "]";
    }
}
