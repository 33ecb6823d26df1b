package io.maas.model;

import io.maas.data.Dataset;
import io.maas.solver.FitDiagnostics;
import java.util.List;
import java.util.Objects;

/**
 * A fitted model that predicts a target from a row of features. Implementations are immutable and safe to call
 * from many threads at once.
 */
public interface Model {

    /**
     * Returns the names of the features a row must hold, in order.
     *
     * @return an unmodifiable list of p names
     */
    List<String> featureNames();

    /**
     * Returns what happened while this model was fitted.
     *
     * @return the fit diagnostics
     */
    FitDiagnostics diagnostics();

    /**
     * Predicts the target for one row of features.
     *
     * @param row p finite feature values, in the order of {@link #featureNames()}; not modified
     * @return the finite prediction
     * @throws IllegalArgumentException if the row has the wrong width or a non-finite value
     */
    double predict(double[] row);

    /**
     * Predicts the target for every row of {@code data}, whose features must be those of {@link #featureNames()}
     * in the same order.
     *
     * @param data the rows to predict; its target is ignored
     * @return n predictions, in row order
     * @throws IllegalArgumentException if the feature names differ from the model's
     */
    default double[] predict(Dataset data) {
        Objects.requireNonNull(data, "data");
        Models.requireSameFeatures(featureNames(), data.featureNames());
        double[] predictions = new double[data.rowCount()];
        double[] row = new double[data.featureCount()];
        for (int i = 0; i < predictions.length; i++) {
            data.copyRow(i, row, 0);
            predictions[i] = predict(row);
        }
        return predictions;
    }
}
