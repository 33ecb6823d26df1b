package io.maas.persist;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import io.maas.model.LinearModel;
import io.maas.model.LogisticModel;
import io.maas.model.Model;
import io.maas.solver.FitDiagnostics;
import io.maas.solver.InferenceStatistics;
import io.maas.solver.LinearSolution;
import io.maas.solver.ParameterEstimate;
import io.maas.solver.Precision;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The fitted model types a model file can hold, tagged like stages ({@code "linear_model"}, {@code "logistic_model"}),
 * with the fit diagnostics and inference statistics they carry. Both models are a {@link LinearSolution}; the
 * logistic model adds its threshold.
 */
final class ModelFormats {

    private static final List<String> TYPES = List.of("linear_model", "logistic_model");
    private static final String INTERCEPT = "(intercept)";

    private ModelFormats() {
    }

    static void write(Model model, JsonGenerator out) throws IOException {
        out.writeStartObject();
        LinearSolution solution;
        if (model instanceof LinearModel linear) {
            out.writeStringField("type", "linear_model");
            solution = linear.solution();
        } else if (model instanceof LogisticModel logistic) {
            out.writeStringField("type", "logistic_model");
            solution = logistic.solution();
            JsonOut.writeDouble(out, "threshold", logistic.threshold());
        } else {
            throw new IllegalArgumentException("the model format has no type for the model " + model.getClass()
                    .getName() + "; it saves " + TYPES);
        }
        JsonOut.writeStrings(out, "features", solution.featureNames());
        JsonOut.writeDouble(out, "intercept", solution.intercept());
        JsonOut.writeDoubles(out, "coefficients", solution.coefficients());
        out.writeFieldName("diagnostics");
        writeDiagnostics(solution.diagnostics(), out);
        out.writeFieldName("statistics");
        if (solution.statistics().isPresent()) {
            writeStatistics(solution.statistics().get(), out);
        } else {
            out.writeNull();
        }
        out.writeEndObject();
    }

    /** Reads the model object; the parser stands on its opening brace. */
    static Model read(JsonIn in, String path) throws IOException {
        JsonIn.Fields fields = in.object(path);
        String type = fields.type();
        if (!TYPES.contains(type)) {
            throw in.error(fields.at("type"), "unknown model type " + JsonIn.quote(type) + "; this maas reads "
                    + TYPES + in.upgradeHint());
        }
        boolean logistic = type.equals("logistic_model");
        fields.expect("features", "intercept", "coefficients", "diagnostics", "statistics");
        if (logistic) {
            fields.expect("threshold");
        }
        List<String> features = null;
        double intercept = 0;
        double[] coefficients = null;
        double threshold = 0;
        FitDiagnostics diagnostics = null;
        Optional<InferenceStatistics> statistics = Optional.empty();
        for (String field = fields.next(); field != null; field = fields.next()) {
            String at = fields.at(field);
            switch (field) {
                case "features" -> features = in.names(at, Limits.MAX_COLUMNS);
                case "intercept" -> intercept = in.finite(at);
                case "coefficients" -> coefficients = in.doubles(at, Limits.MAX_COLUMNS);
                case "threshold" -> threshold = in.finite(at);
                case "diagnostics" -> diagnostics = readDiagnostics(in, at);
                default -> statistics = in.isNull() ? Optional.empty() : Optional.of(readStatistics(in, at));
            }
        }
        fields.requireAll();
        in.requireSize(fields.start(), fields.at("coefficients"), coefficients.length, features.size(), "features");
        if (statistics.isPresent()) {
            List<ParameterEstimate> estimates = statistics.get().coefficients();
            for (int j = 0; j < Math.max(estimates.size(), features.size()); j++) {
                if (j >= estimates.size() || j >= features.size() || !estimates.get(j).name().equals(features.get(j))) {
                    throw JsonIn.error(fields.start(), fields.at("statistics") + ".coefficients", String.format(
                            Locale.ROOT, "%d estimates that must name the %d features in order; estimate %d differs",
                            estimates.size(), features.size(), j));
                }
            }
        }
        try {
            LinearSolution solution = new LinearSolution(features, intercept, coefficients, diagnostics, statistics);
            return logistic ? LogisticModel.of(solution, threshold) : new LinearModel(solution);
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
    }

    private static void writeDiagnostics(FitDiagnostics d, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("method", d.method());
        out.writeStringField("precision", d.precision().name().toLowerCase(Locale.ROOT));
        out.writeNumberField("rows", d.rows());
        out.writeNumberField("parameters", d.parameters());
        out.writeFieldName("rank");
        if (d.rank().isPresent()) {
            out.writeNumber(d.rank().getAsInt());
        } else {
            out.writeNull();
        }
        JsonOut.writeOptionalDouble(out, "condition_estimate", d.conditionEstimate());
        out.writeNumberField("iterations", d.iterations());
        out.writeBooleanField("converged", d.converged());
        out.writeStringField("stop_reason", d.stopReason());
        JsonOut.writeDouble(out, "final_cost", d.finalCost());
        JsonOut.writeDoubles(out, "cost_history", d.costHistory());
        JsonOut.writeStrings(out, "notes", d.notes());
        out.writeStringField("fit_time", d.fitTime().toString());
        out.writeEndObject();
    }

    private static FitDiagnostics readDiagnostics(JsonIn in, String path) throws IOException {
        JsonIn.Fields fields = in.object(path).expect("method", "precision", "rows", "parameters", "rank",
                "condition_estimate", "iterations", "converged", "stop_reason", "final_cost", "cost_history", "notes",
                "fit_time");
        String method = null;
        Precision precision = null;
        int rows = 0;
        int parameters = 0;
        OptionalInt rank = OptionalInt.empty();
        OptionalDouble condition = OptionalDouble.empty();
        int iterations = 0;
        boolean converged = false;
        String stopReason = null;
        double finalCost = 0;
        double[] costHistory = null;
        List<String> notes = null;
        Duration fitTime = null;
        for (String field = fields.next(); field != null; field = fields.next()) {
            String at = fields.at(field);
            switch (field) {
                case "method" -> method = in.string(at);
                case "precision" -> precision = precision(in, at);
                case "rows" -> rows = in.integer(at, 1, Integer.MAX_VALUE);
                case "parameters" -> parameters = in.integer(at, 1, Limits.MAX_COLUMNS + 1);
                case "rank" -> rank = in.isNull() ? OptionalInt.empty()
                        : OptionalInt.of(in.integer(at, 0, Limits.MAX_COLUMNS + 1));
                case "condition_estimate" -> condition = in.isNull() ? OptionalDouble.empty()
                        : OptionalDouble.of(in.finite(at));
                case "iterations" -> iterations = in.integer(at, 0, Integer.MAX_VALUE);
                case "converged" -> converged = in.bool(at);
                case "stop_reason" -> stopReason = in.string(at);
                case "final_cost" -> finalCost = in.finite(at);
                case "cost_history" -> costHistory = in.doubles(at, Limits.MAX_ARRAY_LENGTH);
                case "notes" -> notes = in.strings(at, Limits.MAX_ARRAY_LENGTH);
                default -> fitTime = duration(in, at);
            }
        }
        fields.requireAll();
        try {
            return new FitDiagnostics(method, precision, rows, parameters, rank, condition, iterations, converged,
                    stopReason, finalCost, costHistory, notes, fitTime);
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
    }

    private static Precision precision(JsonIn in, String path) throws IOException {
        String text = in.string(path);
        for (Precision precision : List.of(Precision.DOUBLE, Precision.EXTENDED)) {
            if (precision.name().toLowerCase(Locale.ROOT).equals(text)) {
                return precision;
            }
        }
        throw in.error(path, JsonIn.quote(text) + " is not a precision; the precisions are \"double\" and "
                + "\"extended\"" + in.upgradeHint());
    }

    private static Duration duration(JsonIn in, String path) throws IOException {
        String text = in.string(path);
        try {
            return Duration.parse(text);
        } catch (DateTimeException | ArithmeticException e) {
            throw in.error(path, JsonIn.quote(text) + " is not an ISO-8601 duration such as \"PT0.0012S\"");
        }
    }

    private static void writeStatistics(InferenceStatistics s, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("degrees_of_freedom", s.degreesOfFreedom());
        JsonOut.writeDouble(out, "residual_sum_of_squares", s.residualSumOfSquares());
        JsonOut.writeDouble(out, "residual_standard_deviation", s.residualStandardDeviation());
        JsonOut.writeDouble(out, "r2", s.r2());
        JsonOut.writeDouble(out, "adjusted_r2", s.adjustedR2());
        out.writeStringField("r2_definition", s.r2Definition().name().toLowerCase(Locale.ROOT));
        out.writeFieldName("intercept");
        if (s.intercept().isPresent()) {
            writeEstimate(s.intercept().get(), out);
        } else {
            out.writeNull();
        }
        out.writeArrayFieldStart("coefficients");
        for (ParameterEstimate estimate : s.coefficients()) {
            writeEstimate(estimate, out);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static InferenceStatistics readStatistics(JsonIn in, String path) throws IOException {
        JsonIn.Fields fields = in.object(path).expect("degrees_of_freedom", "residual_sum_of_squares",
                "residual_standard_deviation", "r2", "adjusted_r2", "r2_definition", "intercept", "coefficients");
        int dof = 0;
        double sse = 0;
        double s = 0;
        double r2 = 0;
        double adjusted = 0;
        InferenceStatistics.R2Definition definition = null;
        Optional<ParameterEstimate> intercept = Optional.empty();
        List<ParameterEstimate> coefficients = null;
        for (String field = fields.next(); field != null; field = fields.next()) {
            String at = fields.at(field);
            switch (field) {
                case "degrees_of_freedom" -> dof = in.integer(at, 1, Integer.MAX_VALUE);
                case "residual_sum_of_squares" -> sse = in.finite(at);
                case "residual_standard_deviation" -> s = in.finite(at);
                case "r2" -> r2 = in.finite(at);
                case "adjusted_r2" -> adjusted = in.finite(at);
                case "r2_definition" -> definition = r2Definition(in, at);
                case "intercept" -> {
                    intercept = in.isNull() ? Optional.empty() : Optional.of(readEstimate(in, at));
                    if (intercept.isPresent() && !intercept.get().name().equals(INTERCEPT)) {
                        throw in.error(at + ".name", "the intercept's estimate must be named \"" + INTERCEPT + "\"");
                    }
                }
                default -> coefficients = readEstimates(in, at);
            }
        }
        fields.requireAll();
        try {
            return new InferenceStatistics(dof, sse, s, r2, adjusted, definition, intercept, coefficients);
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
    }

    private static InferenceStatistics.R2Definition r2Definition(JsonIn in, String path) throws IOException {
        String text = in.string(path);
        for (InferenceStatistics.R2Definition definition : InferenceStatistics.R2Definition.values()) {
            if (definition.name().toLowerCase(Locale.ROOT).equals(text)) {
                return definition;
            }
        }
        throw in.error(path, JsonIn.quote(text) + " is not an R² definition; they are \"centered\" and "
                + "\"uncentered\"" + in.upgradeHint());
    }

    private static List<ParameterEstimate> readEstimates(JsonIn in, String path) throws IOException {
        in.array(path, "an array of estimates");
        List<ParameterEstimate> estimates = new ArrayList<>();
        while (in.next() != JsonToken.END_ARRAY) {
            if (estimates.size() == Limits.MAX_COLUMNS) {
                throw in.error(path, "more than the format's limit of " + Limits.MAX_COLUMNS + " estimates");
            }
            estimates.add(readEstimate(in, path + "[" + estimates.size() + "]"));
        }
        return estimates;
    }

    private static void writeEstimate(ParameterEstimate e, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("name", e.name());
        JsonOut.writeDouble(out, "estimate", e.estimate());
        JsonOut.writeDouble(out, "standard_error", e.standardError());
        JsonOut.writeOptionalDouble(out, "t_statistic", e.tStatistic());
        JsonOut.writeOptionalDouble(out, "p_value", e.pValue());
        out.writeEndObject();
    }

    private static ParameterEstimate readEstimate(JsonIn in, String path) throws IOException {
        JsonIn.Fields fields = in.object(path).expect("name", "estimate", "standard_error", "t_statistic",
                "p_value");
        String name = null;
        double estimate = 0;
        double standardError = 0;
        OptionalDouble t = OptionalDouble.empty();
        OptionalDouble p = OptionalDouble.empty();
        for (String field = fields.next(); field != null; field = fields.next()) {
            String at = fields.at(field);
            switch (field) {
                case "name" -> name = in.name(at);
                case "estimate" -> estimate = in.finite(at);
                case "standard_error" -> standardError = in.finite(at);
                case "t_statistic" -> t = in.isNull() ? OptionalDouble.empty() : OptionalDouble.of(in.finite(at));
                default -> p = in.isNull() ? OptionalDouble.empty() : OptionalDouble.of(in.finite(at));
            }
        }
        fields.requireAll();
        try {
            return new ParameterEstimate(name, estimate, standardError, t, p);
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
    }
}
