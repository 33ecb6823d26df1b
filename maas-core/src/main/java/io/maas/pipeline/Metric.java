package io.maas.pipeline;

import io.maas.metrics.ClassificationMetrics;
import io.maas.metrics.RegressionMetrics;
import io.maas.model.Task;
import java.util.Locale;

/**
 * A quality metric a pipeline can report in its {@link Evaluation}, computed by {@code maas-metrics} with
 * scikit-learn 1.2's definitions. Classification metrics treat label 1 as positive; labels come from the model's
 * probability and threshold, and ROC AUC and log loss use the probability itself.
 */
public enum Metric {
    /** Mean squared error, in squared units of the target. */
    MSE(Task.REGRESSION),
    /** Root mean squared error, in units of the target. */
    RMSE(Task.REGRESSION),
    /** Mean absolute error, in units of the target. */
    MAE(Task.REGRESSION),
    /** Coefficient of determination (scikit-learn's convention for a constant target). */
    R2(Task.REGRESSION),
    /** Share of correct labels. */
    ACCURACY(Task.CLASSIFICATION),
    /** Of the rows predicted 1, the share that are 1 (0 when none is predicted 1). */
    PRECISION(Task.CLASSIFICATION),
    /** Of the rows that are 1, the share predicted 1. */
    RECALL(Task.CLASSIFICATION),
    /** Harmonic mean of precision and recall. */
    F1(Task.CLASSIFICATION),
    /** Area under the ROC curve of the probabilities (ties count one half). */
    ROC_AUC(Task.CLASSIFICATION),
    /** Mean negative log-likelihood of the probabilities, clipped as maas-metrics documents. */
    LOG_LOSS(Task.CLASSIFICATION);

    private final Task task;

    Metric(Task task) {
        this.task = task;
    }

    /**
     * Returns the kind of model this metric evaluates.
     *
     * @return the task
     */
    public Task task() {
        return task;
    }

    /**
     * Returns whether a larger value is better (R², accuracy, ...) or worse (errors, log loss), for choosing models.
     *
     * @return true when larger is better
     */
    public boolean largerIsBetter() {
        return switch (this) {
            case MSE, RMSE, MAE, LOG_LOSS -> false;
            default -> true;
        };
    }

    /** Computes this metric; for classification, predictions are probabilities of label 1. */
    double compute(double[] actual, double[] predictions, double threshold) {
        return switch (this) {
            case MSE -> RegressionMetrics.meanSquaredError(actual, predictions);
            case RMSE -> RegressionMetrics.rootMeanSquaredError(actual, predictions);
            case MAE -> RegressionMetrics.meanAbsoluteError(actual, predictions);
            case R2 -> RegressionMetrics.r2(actual, predictions);
            case ACCURACY -> ClassificationMetrics.accuracy(labels(actual), labels(predictions, threshold));
            case PRECISION -> ClassificationMetrics.precision(labels(actual), labels(predictions, threshold), 1);
            case RECALL -> ClassificationMetrics.recall(labels(actual), labels(predictions, threshold), 1);
            case F1 -> ClassificationMetrics.f1(labels(actual), labels(predictions, threshold), 1);
            case ROC_AUC -> ClassificationMetrics.rocAuc(labels(actual), predictions, 1);
            case LOG_LOSS -> ClassificationMetrics.logLoss(labels(actual), predictions, 1);
        };
    }

    static int[] labels(double[] actual) {
        int[] labels = new int[actual.length];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != 0.0 && actual[i] != 1.0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "row %d: target %s is not a binary label 0 or 1", i, actual[i]));
            }
            labels[i] = (int) actual[i];
        }
        return labels;
    }

    static int[] labels(double[] probabilities, double threshold) {
        int[] labels = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            labels[i] = probabilities[i] >= threshold ? 1 : 0;
        }
        return labels;
    }
}
