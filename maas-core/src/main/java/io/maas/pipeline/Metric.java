package io.maas.pipeline;

import io.maas.metrics.RegressionMetrics;

/** A quality metric a pipeline can report in its {@link Evaluation}, computed by {@code maas-metrics}. */
public enum Metric {
    /** Mean squared error, in squared units of the target. */
    MSE,
    /** Root mean squared error, in units of the target. */
    RMSE,
    /** Mean absolute error, in units of the target. */
    MAE,
    /** Coefficient of determination (scikit-learn's convention for a constant target). */
    R2;

    /** Computes this metric over paired arrays; both validated by maas-metrics. */
    double compute(double[] actual, double[] predicted) {
        return switch (this) {
            case MSE -> RegressionMetrics.meanSquaredError(actual, predicted);
            case RMSE -> RegressionMetrics.rootMeanSquaredError(actual, predicted);
            case MAE -> RegressionMetrics.meanAbsoluteError(actual, predicted);
            case R2 -> RegressionMetrics.r2(actual, predicted);
        };
    }

    /**
     * Returns whether a larger value is better (R²) or worse (errors), for choosing between models.
     *
     * @return true when larger is better
     */
    public boolean largerIsBetter() {
        return this == R2;
    }
}
