package io.maas.cli;

import io.maas.data.Dataset;
import io.maas.model.LinearModel;
import io.maas.pipeline.CrossValidationResult;
import io.maas.pipeline.Evaluation;
import io.maas.pipeline.Metric;
import io.maas.pipeline.Pipeline;
import io.maas.solver.FitDiagnostics;
import io.maas.solver.InferenceStatistics;
import io.maas.solver.ParameterEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What one run of the command line found, rendered as text for people or JSON for scripts. */
record Report(String source, Dataset data, String split, Dataset train, Optional<Dataset> test, Pipeline pipeline,
              LinearModel model, Optional<Evaluation> evaluation, Optional<CrossValidationResult> crossValidation,
              int folds) {

    String toText() {
        FitDiagnostics fit = model.diagnostics();
        StringBuilder text = new StringBuilder();
        line(text, "maas: linear regression on %s", source);
        line(text, "data      %d rows x %d features, target '%s'", data.rowCount(), data.featureCount(),
                data.targetName());
        line(text, "split     %s: %d train rows, %d test rows", split, train.rowCount(),
                test.map(Dataset::rowCount).orElse(0));
        line(text, "pipeline  %s", pipeline);
        line(text, "solver    %s (%s precision)", fit.method(), fit.precision().name().toLowerCase(Locale.ROOT));
        line(text, "          %s", details(fit));
        // The first fit in a JVM includes class loading and interpretation; the JMH benchmark
        // DiabetesFitBenchmark measures the warm fit.
        line(text, "fit time  %.3f ms (first fit in this JVM, includes class loading)",
                fit.fitTime().toNanos() / 1e6);
        for (String note : fit.notes()) {
            line(text, "note      %s", note);
        }
        line(text, "");
        Optional<InferenceStatistics> statistics = model.solution().statistics();
        if (statistics.isPresent()) {
            text.append(statistics.get()).append('\n');
        } else {
            line(text, "coefficients");
            int width = Math.max(11, model.featureNames().stream().mapToInt(String::length).max().orElse(0));
            line(text, "  %-" + width + "s  %s", "(intercept)", Main.format(model.intercept()));
            double[] coefficients = model.coefficients();
            for (int j = 0; j < coefficients.length; j++) {
                line(text, "  %-" + width + "s  %s", model.featureNames().get(j), Main.format(coefficients[j]));
            }
        }
        crossValidation.ifPresent(result -> {
            line(text, "");
            line(text, "%d-fold cross-validation on the %d training rows (seeded, shuffled)", folds, train.rowCount());
            text.append(result).append('\n');
        });
        if (evaluation.isPresent()) {
            Evaluation scores = evaluation.get();
            line(text, "");
            line(text, "test metrics (%d rows)", scores.rows());
            line(text, "  test MSE   %s", Main.format(scores.value(Metric.MSE)));
            line(text, "  test RMSE  %s", Main.format(scores.value(Metric.RMSE)));
            line(text, "  test MAE   %s", Main.format(scores.value(Metric.MAE)));
            line(text, "  test R²    %.6f", scores.value(Metric.R2));
            Dataset held = test.orElseThrow();
            line(text, "");
            line(text, "prediction for the first test row: %s (actual %s)", Main.format(model.predict(held.row(0))),
                    Main.format(held.target(0)));
        } else {
            line(text, "");
            line(text, "no test rows: every row was used for training");
        }
        return text.toString();
    }

    private static String details(FitDiagnostics fit) {
        List<String> parts = new ArrayList<>();
        fit.rank().ifPresent(rank -> parts.add("rank " + rank + " of " + fit.parameters() + " parameters"));
        fit.conditionEstimate().ifPresent(c -> parts.add(String.format(Locale.ROOT, "condition estimate %.3g", c)));
        if (fit.iterations() > 0) {
            parts.add(fit.iterations() + " iterations, " + (fit.converged() ? "converged" : "NOT converged"));
        }
        parts.add(fit.stopReason());
        parts.add(String.format(Locale.ROOT, "final cost J = %.6g", fit.finalCost()));
        return String.join(", ", parts);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("rows", data.rowCount());
        json.put("features", List.copyOf(data.featureNames()));
        json.put("target", data.targetName());
        Map<String, Object> splitJson = new LinkedHashMap<>();
        splitJson.put("method", split);
        splitJson.put("trainRows", train.rowCount());
        splitJson.put("testRows", test.map(Dataset::rowCount).orElse(0));
        json.put("split", splitJson);
        json.put("intercept", model.intercept());
        Map<String, Object> coefficients = new LinkedHashMap<>();
        double[] values = model.coefficients();
        for (int j = 0; j < values.length; j++) {
            coefficients.put(model.featureNames().get(j), values[j]);
        }
        json.put("coefficients", coefficients);
        model.solution().statistics().ifPresent(s -> json.put("statistics", statistics(s)));
        evaluation.ifPresent(e -> json.put("testMetrics", metrics(e)));
        crossValidation.ifPresent(result -> json.put("crossValidation", crossValidation(result)));
        json.put("diagnostics", diagnostics(model.diagnostics()));
        test.ifPresent(held -> {
            Map<String, Object> example = new LinkedHashMap<>();
            List<Object> row = new ArrayList<>();
            for (double v : held.row(0)) {
                row.add(v);
            }
            example.put("features", row);
            example.put("predicted", model.predict(held.row(0)));
            example.put("actual", held.target(0));
            json.put("examplePrediction", example);
        });
        return json;
    }

    private static Map<String, Object> statistics(InferenceStatistics s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("degreesOfFreedom", s.degreesOfFreedom());
        json.put("residualStandardDeviation", s.residualStandardDeviation());
        json.put("r2", s.r2());
        json.put("adjustedR2", s.adjustedR2());
        json.put("r2Definition", s.r2Definition().name().toLowerCase(Locale.ROOT));
        List<Object> parameters = new ArrayList<>();
        s.intercept().ifPresent(e -> parameters.add(parameter(e)));
        s.coefficients().forEach(e -> parameters.add(parameter(e)));
        json.put("parameters", parameters);
        return json;
    }

    private static Map<String, Object> parameter(ParameterEstimate e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.name());
        json.put("estimate", e.estimate());
        json.put("standardError", e.standardError());
        e.tStatistic().ifPresent(t -> json.put("t", t));
        e.pValue().ifPresent(p -> json.put("p", p));
        return json;
    }

    private static Map<String, Object> metrics(Evaluation evaluation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", evaluation.rows());
        evaluation.values().forEach((metric, value) -> json.put(metric.name().toLowerCase(Locale.ROOT), value));
        return json;
    }

    private static Map<String, Object> crossValidation(CrossValidationResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Object> folds = new ArrayList<>();
        result.folds().forEach(fold -> folds.add(metrics(fold)));
        json.put("folds", folds);
        Map<String, Object> mean = new LinkedHashMap<>();
        Map<String, Object> sd = new LinkedHashMap<>();
        result.folds().get(0).values().keySet().forEach(metric -> {
            mean.put(metric.name().toLowerCase(Locale.ROOT), result.mean(metric));
            sd.put(metric.name().toLowerCase(Locale.ROOT), result.standardDeviation(metric));
        });
        json.put("mean", mean);
        json.put("standardDeviation", sd);
        return json;
    }

    private static Map<String, Object> diagnostics(FitDiagnostics fit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", fit.method());
        json.put("precision", fit.precision().name().toLowerCase(Locale.ROOT));
        json.put("rows", fit.rows());
        json.put("parameters", fit.parameters());
        fit.rank().ifPresent(rank -> json.put("rank", rank));
        fit.conditionEstimate().ifPresent(c -> json.put("conditionEstimate", c));
        json.put("iterations", fit.iterations());
        json.put("converged", fit.converged());
        json.put("stopReason", fit.stopReason());
        json.put("finalCost", fit.finalCost());
        json.put("notes", List.copyOf(fit.notes()));
        List<Object> history = new ArrayList<>();
        for (double cost : fit.costHistory()) {
            history.add(cost);
        }
        json.put("costHistory", history);
        json.put("fitTimeMillis", fit.fitTime().toNanos() / 1e6);
        return json;
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
