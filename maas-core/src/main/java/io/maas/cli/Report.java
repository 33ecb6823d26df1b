package io.maas.cli;

import io.maas.data.Dataset;
import io.maas.data.TrainTestSplit;
import io.maas.metrics.RegressionScores;
import io.maas.model.LinearModel;
import io.maas.pipeline.Evaluation;
import io.maas.solver.FitDiagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one run of the command line found, rendered as text for people or JSON for scripts. */
record Report(Main.Options options, String source, Dataset data, TrainTestSplit split, LinearModel model,
              Evaluation evaluation, double[] exampleRow, double examplePrediction, double exampleActual) {

    String toText() {
        FitDiagnostics fit = evaluation.diagnostics();
        RegressionScores scores = evaluation.scores();
        List<String> names = model.featureNames();
        int width = Math.max("(intercept)".length(), names.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder text = new StringBuilder();
        line(text, "maas: linear regression on %s", source);
        line(text, "data      %d rows x %d features, target '%s'", data.rowCount(), data.featureCount(),
                data.targetName());
        line(text, "split     shuffled, seed %d, train fraction %s: %d train rows, %d test rows", options.seed(),
                options.trainFraction(), split.train().rowCount(), split.test().rowCount());
        line(text, "solver    %s", fit.method());
        line(text, "          rank %d of %d parameters, condition estimate %.3g", fit.rank(), fit.parameters(),
                fit.conditionEstimate());
        // The first fit in a JVM includes class loading and interpretation; the JMH benchmark
        // DiabetesFitBenchmark measures the warm fit.
        line(text, "fit time  %.3f ms (first fit in this JVM, includes class loading)",
                fit.fitTime().toNanos() / 1e6);
        line(text, "");
        line(text, "coefficients");
        line(text, "  %-" + width + "s  %s", "(intercept)", Main.format(model.intercept()));
        double[] coefficients = model.coefficients();
        for (int j = 0; j < coefficients.length; j++) {
            line(text, "  %-" + width + "s  %s", names.get(j), Main.format(coefficients[j]));
        }
        line(text, "");
        line(text, "test metrics (%d rows)", scores.count());
        line(text, "  test MSE   %s", Main.format(scores.mse()));
        line(text, "  test RMSE  %s", Main.format(scores.rmse()));
        line(text, "  test MAE   %s", Main.format(scores.mae()));
        line(text, "  test R²    %.6f", scores.r2());
        line(text, "");
        line(text, "prediction for the first test row: %s (actual %s)", Main.format(examplePrediction),
                Main.format(exampleActual));
        return text.toString();
    }

    Map<String, Object> toJson() {
        FitDiagnostics fit = evaluation.diagnostics();
        RegressionScores scores = evaluation.scores();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("rows", data.rowCount());
        json.put("features", List.copyOf(data.featureNames()));
        json.put("target", data.targetName());
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("method", "shuffled");
        split.put("seed", options.seed());
        split.put("trainFraction", options.trainFraction());
        split.put("trainRows", this.split.train().rowCount());
        split.put("testRows", this.split.test().rowCount());
        json.put("split", split);
        json.put("intercept", model.intercept());
        Map<String, Object> coefficients = new LinkedHashMap<>();
        double[] values = model.coefficients();
        for (int j = 0; j < values.length; j++) {
            coefficients.put(model.featureNames().get(j), values[j]);
        }
        json.put("coefficients", coefficients);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("testRows", scores.count());
        metrics.put("mse", scores.mse());
        metrics.put("rmse", scores.rmse());
        metrics.put("mae", scores.mae());
        metrics.put("r2", scores.r2());
        json.put("testMetrics", metrics);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("method", fit.method());
        diagnostics.put("rows", fit.rows());
        diagnostics.put("parameters", fit.parameters());
        diagnostics.put("rank", fit.rank());
        diagnostics.put("conditionEstimate", fit.conditionEstimate());
        diagnostics.put("fitTimeMillis", fit.fitTime().toNanos() / 1e6);
        json.put("diagnostics", diagnostics);
        Map<String, Object> example = new LinkedHashMap<>();
        List<Object> row = new ArrayList<>();
        for (double v : exampleRow) {
            row.add(v);
        }
        example.put("features", row);
        example.put("predicted", examplePrediction);
        example.put("actual", exampleActual);
        json.put("examplePrediction", example);
        return json;
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
