package io.maas.model;

/**
 * A fitted binary classifier: {@link #predict(double[])} returns the probability of label 1, and
 * {@link #predictLabel(double[])} compares it with the threshold. Immutable and thread-safe.
 */
public interface Classifier extends Model {

    /**
     * Returns the probability threshold at or above which {@link #predictLabel} answers 1.
     *
     * @return the threshold, in (0, 1)
     */
    double threshold();

    /**
     * Predicts the label of one row.
     *
     * @param row p finite feature values; not modified
     * @return 1 when the probability of label 1 is at least {@link #threshold()}, else 0
     * @throws IllegalArgumentException if the row has the wrong width or a non-finite value
     */
    default int predictLabel(double[] row) {
        return predict(row) >= threshold() ? 1 : 0;
    }
}
