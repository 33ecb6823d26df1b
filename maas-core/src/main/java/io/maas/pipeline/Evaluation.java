package io.maas.pipeline;

import io.maas.metrics.RegressionScores;
import io.maas.solver.FitDiagnostics;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of evaluating a fitted pipeline on test data: the regression scores and the diagnostics of the fit.
 * An immutable value.
 *
 * @param scores      MSE, RMSE, MAE and R² on the test rows, with their count
 * @param diagnostics what happened when the model was fitted
 */
public record Evaluation(RegressionScores scores, FitDiagnostics diagnostics) {

    /**
     * Checks that both parts are present.
     *
     * @param scores      the test scores
     * @param diagnostics the fit diagnostics
     */
    public Evaluation {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /**
     * Returns the scores as a small table followed by the fit diagnostics.
     *
     * @return a multi-line report
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "test rows %d%n  MSE  %.6g%n  RMSE %.6g%n  MAE  %.6g%n  R²   %.6f%nfit: %s",
                scores.count(), scores.mse(), scores.rmse(), scores.mae(), scores.r2(), diagnostics);
    }
}
