package io.maas.persist;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.maas.model.Classifier;
import io.maas.model.Model;
import io.maas.model.Task;
import io.maas.pipeline.CategoricalStage;
import io.maas.pipeline.Evaluation;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.FittedStage;
import io.maas.pipeline.Metric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a whole model file, and reads the payload of one whose envelope {@link Envelope#check} has accepted: the
 * model card (provenance, features, target, training rows, metrics, evaluation), the stages and the model, then the
 * checks that tie them together (each stage reads what the one before writes).
 */
final class Payload {

    /** The feature types: a number, or a category given as a string (read by the pipeline's encoder). */
    private static final String NUMBER = "number";
    private static final String CATEGORICAL = "categorical";

    private Payload() {
    }

    // ---- writing ----

    /** Returns the bytes of the model file for {@code saved}: pretty-printed UTF-8 JSON, LF line ends. */
    static byte[] write(SavedModel saved) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JsonOut.generator(bytes)) {
            out.writeStartObject();
            out.writeStringField("format", Envelope.FORMAT);
            out.writeStringField("format_version", ModelFile.FORMAT_VERSION);
            out.writeFieldName("payload");
            out.flush();
            int mark = bytes.size();
            writePayload(saved, out);
            out.flush();
            // The checksum covers the payload's bytes from its opening brace (the generator writes ": " before it)
            // through its closing brace, exactly as they are stored.
            byte[] written = bytes.toByteArray();
            int start = mark;
            while (written[start] != '{') {
                start++;
            }
            out.writeStringField("sha256", Envelope.sha256(written, start, written.length));
            out.writeEndObject();
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void writePayload(SavedModel saved, JsonGenerator out) throws IOException {
        FittedPipeline pipeline = saved.pipeline();
        out.writeStartObject();
        out.writeStringField("maas_version", saved.maasVersion());
        out.writeStringField("created", saved.created().toString());
        out.writeArrayFieldStart("features");
        for (String name : pipeline.featureNames()) {
            writeFeature(out, name, NUMBER);
        }
        for (String name : pipeline.categoricalNames()) {
            writeFeature(out, name, CATEGORICAL);
        }
        out.writeEndArray();
        out.writeStringField("target", pipeline.targetName());
        out.writeNumberField("training_rows", pipeline.trainingRows());
        out.writeArrayFieldStart("metrics");
        for (Metric metric : pipeline.pipeline().metrics()) {
            out.writeString(metricName(metric));
        }
        out.writeEndArray();
        out.writeArrayFieldStart("stages");
        for (FittedStage stage : pipeline.stages()) {
            StageFormats.write(stage, out);
        }
        out.writeEndArray();
        out.writeFieldName("model");
        ModelFormats.write(pipeline.model(), out);
        out.writeFieldName("evaluation");
        if (saved.evaluation().isPresent()) {
            Evaluation evaluation = saved.evaluation().get();
            out.writeStartObject();
            out.writeNumberField("rows", evaluation.rows());
            out.writeObjectFieldStart("values");
            for (Map.Entry<Metric, Double> value : evaluation.values().entrySet()) {
                JsonOut.writeDouble(out, metricName(value.getKey()), value.getValue());
            }
            out.writeEndObject();
            out.writeEndObject();
        } else {
            out.writeNull();
        }
        out.writeEndObject();
    }

    private static void writeFeature(JsonGenerator out, String name, String type) throws IOException {
        out.writeStartObject();
        out.writeStringField("name", name);
        out.writeStringField("type", type);
        out.writeEndObject();
    }

    /** The name of a metric in the file: its constant's name in lower case, such as {@code "roc_auc"}. */
    private static String metricName(Metric metric) {
        return metric.name().toLowerCase(Locale.ROOT);
    }

    // ---- reading ----

    /** Reads the payload of a file whose envelope has been checked. */
    static SavedModel read(byte[] file, Envelope envelope) {
        try (JsonParser parser = Json.factory().createParser(file)) {
            JsonIn in = new JsonIn(parser, envelope);
            try {
                in.next();
                while (in.next() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    in.next();
                    if (field.equals("payload")) {
                        return readPayload(in);
                    }
                    in.skip();
                }
                throw in.error("$", "missing field \"payload\"");
            } catch (IOException e) {
                throw Json.error(parser, e);
            }
        } catch (IOException e) {
            throw new ModelFormatException("$", 0, 0, -1, "cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    private static SavedModel readPayload(JsonIn in) throws IOException {
        JsonIn.Fields fields = in.object("$.payload").expect("maas_version", "created", "features", "target",
                "training_rows", "metrics", "stages", "model", "evaluation");
        String maasVersion = null;
        Instant created = null;
        Features features = null;
        JsonLocation featuresAt = null;
        String target = null;
        JsonLocation targetAt = null;
        int trainingRows = 0;
        Set<Metric> metrics = null;
        JsonLocation metricsAt = null;
        List<FittedStage> stages = new ArrayList<>();
        List<JsonLocation> stageStarts = new ArrayList<>();
        Model model = null;
        JsonLocation modelStart = null;
        RawEvaluation evaluation = null;
        for (String field = fields.next(); field != null; field = fields.next()) {
            String at = fields.at(field);
            switch (field) {
                case "maas_version" -> maasVersion = in.name(at);
                case "created" -> created = instant(in, at);
                case "features" -> {
                    featuresAt = in.location();
                    features = readFeatures(in, at);
                }
                case "target" -> {
                    targetAt = in.location();
                    target = in.name(at);
                }
                case "training_rows" -> trainingRows = in.integer(at, 1, Integer.MAX_VALUE);
                case "metrics" -> {
                    metricsAt = in.location();
                    metrics = readMetrics(in, at);
                }
                case "stages" -> {
                    in.array(at, "an array of stages");
                    while (in.next() != JsonToken.END_ARRAY) {
                        if (stages.size() == Limits.MAX_STAGES) {
                            throw in.error(at, "more than the format's limit of " + Limits.MAX_STAGES + " stages");
                        }
                        stageStarts.add(in.location());
                        stages.add(StageFormats.read(in, at + "[" + stages.size() + "]"));
                    }
                }
                case "model" -> {
                    modelStart = in.location();
                    model = ModelFormats.read(in, at);
                }
                default -> evaluation = in.isNull() ? null : readEvaluation(in, at);
            }
        }
        fields.requireAll();
        if (features.numeric().contains(target) || features.categorical().contains(target)) {
            throw JsonIn.error(targetAt, "$.payload.target", JsonIn.quote(target) + " is also a feature");
        }
        requireEncoder(featuresAt, features, stages, stageStarts);
        List<String> columns = features.numeric();
        String writer = "$.payload.features";
        for (int s = 0; s < stages.size(); s++) {
            String path = "$.payload.stages[" + s + "]";
            requireColumns(stageStarts.get(s), path, stages.get(s).inputNames(), columns, writer);
            columns = stages.get(s).outputNames();
            writer = path;
        }
        requireColumns(modelStart, "$.payload.model", model.featureNames(), columns, writer);
        Task task = model instanceof Classifier ? Task.CLASSIFICATION : Task.REGRESSION;
        for (Metric metric : metrics) {
            if (metric.task() != task) {
                throw JsonIn.error(metricsAt, "$.payload.metrics", String.format(Locale.ROOT,
                        "%s evaluates %s but the model does %s", metricName(metric), name(metric.task()), name(task)));
            }
        }
        FittedPipeline pipeline;
        try {
            pipeline = FittedPipeline.of(stages, model, features.numeric(), target, trainingRows, metrics);
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
        if (evaluation == null) {
            return new SavedModel(pipeline, Optional.empty(), created, maasVersion);
        }
        for (Metric metric : evaluation.values().keySet()) {
            if (!metrics.contains(metric)) {
                throw JsonIn.error(evaluation.start(), "$.payload.evaluation.values", metricName(metric)
                        + " is not one of the pipeline's metrics " + metrics.stream().map(Payload::metricName)
                        .toList());
            }
        }
        try {
            Evaluation result = new Evaluation(evaluation.rows(), evaluation.values(), model.diagnostics());
            return new SavedModel(pipeline, Optional.of(result), created, maasVersion);
        } catch (IllegalArgumentException e) {
            throw JsonIn.error(evaluation.start(), "$.payload.evaluation", e.getMessage());
        }
    }

    private static String name(Task task) {
        return task.name().toLowerCase(Locale.ROOT);
    }

    /** Requires a step's input columns to be those the step before it writes. */
    private static void requireColumns(JsonLocation at, String path, List<String> reads, List<String> before,
                                       String writer) {
        if (reads.size() != before.size()) {
            throw JsonIn.error(at, path, String.format(Locale.ROOT, "reads %d columns but %s has %d", reads.size(),
                    writer, before.size()));
        }
        for (int j = 0; j < reads.size(); j++) {
            if (!reads.get(j).equals(before.get(j))) {
                throw JsonIn.error(at, path, String.format(Locale.ROOT, "reads column %d as %s but %s has %s", j,
                        JsonIn.quote(reads.get(j)), writer, JsonIn.quote(before.get(j))));
            }
        }
    }

    /**
     * Requires the categorical features to be exactly those the pipeline's one categorical stage reads, in order, or
     * none when no stage reads any.
     */
    private static void requireEncoder(JsonLocation featuresAt, Features features, List<FittedStage> stages,
                                       List<JsonLocation> stageStarts) {
        int encoder = -1;
        for (int s = 0; s < stages.size(); s++) {
            if (stages.get(s) instanceof CategoricalStage categorical) {
                String path = "$.payload.stages[" + s + "]";
                if (encoder >= 0) {
                    throw JsonIn.error(stageStarts.get(s), path, "encodes categorical columns but $.payload.stages["
                            + encoder + "] already does; a pipeline encodes them once");
                }
                encoder = s;
                requireCategorical(stageStarts.get(s), path, categorical.categoricalInputNames(), features);
            }
        }
        if (encoder < 0 && !features.categorical().isEmpty()) {
            throw JsonIn.error(featuresAt, "$.payload.features", "the categorical feature "
                    + JsonIn.quote(features.categorical().get(0)) + " is read by no stage; categorical features "
                    + "need a one_hot_encoder stage");
        }
    }

    /** Requires a categorical stage to read exactly the categorical features, in order. */
    private static void requireCategorical(JsonLocation at, String path, List<String> reads, Features features) {
        List<String> declared = features.categorical();
        for (int c = 0; c < reads.size(); c++) {
            String name = reads.get(c);
            if (c < declared.size() && declared.get(c).equals(name)) {
                continue;
            }
            if (features.numeric().contains(name)) {
                throw JsonIn.error(at, path, "reads " + JsonIn.quote(name) + " as a categorical column but "
                        + "$.payload.features declares it a number");
            }
            if (!declared.contains(name)) {
                throw JsonIn.error(at, path, "reads the categorical column " + JsonIn.quote(name)
                        + ", which $.payload.features does not declare");
            }
            throw JsonIn.error(at, path, String.format(Locale.ROOT, "reads categorical column %d as %s but "
                    + "$.payload.features declares %s there", c, JsonIn.quote(name), JsonIn.quote(declared.get(c))));
        }
        if (declared.size() > reads.size()) {
            throw JsonIn.error(at, path, "does not read the categorical feature "
                    + JsonIn.quote(declared.get(reads.size())) + " that $.payload.features declares");
        }
    }

    private static Instant instant(JsonIn in, String path) throws IOException {
        String text = in.string(path);
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw in.error(path, JsonIn.quote(text) + " is not an ISO-8601 instant such as \"2026-01-31T12:00:00Z\"");
        }
    }

    /** The raw features a row holds: the numeric ones in order, and the categorical ones in order. */
    private record Features(List<String> numeric, List<String> categorical) {
    }

    private static Features readFeatures(JsonIn in, String path) throws IOException {
        in.array(path, "an array of features");
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (in.next() != JsonToken.END_ARRAY) {
            String at = path + "[" + seen.size() + "]";
            if (seen.size() == Limits.MAX_COLUMNS) {
                throw in.error(path, "more than the format's limit of " + Limits.MAX_COLUMNS + " features");
            }
            JsonIn.Fields fields = in.object(at).expect("name", "type");
            String name = null;
            String type = null;
            for (String field = fields.next(); field != null; field = fields.next()) {
                if (field.equals("name")) {
                    name = in.name(fields.at(field));
                } else {
                    type = in.string(fields.at(field));
                    if (!type.equals(NUMBER) && !type.equals(CATEGORICAL)) {
                        throw in.error(fields.at(field), "unknown feature type " + JsonIn.quote(type)
                                + "; this maas reads \"" + NUMBER + "\" and \"" + CATEGORICAL + "\""
                                + in.upgradeHint());
                    }
                }
            }
            fields.requireAll();
            if (!seen.add(name)) {
                throw in.error(at + ".name", JsonIn.quote(name) + " is named twice");
            }
            (type.equals(NUMBER) ? numeric : categorical).add(name);
        }
        if (seen.isEmpty()) {
            throw in.error(path, "a pipeline reads at least one feature");
        }
        return new Features(numeric, categorical);
    }

    /** Returns the metric of that name in the file, or null. */
    private static Metric metric(String name) {
        for (Metric metric : Metric.values()) {
            if (metricName(metric).equals(name)) {
                return metric;
            }
        }
        return null;
    }

    private static Set<Metric> readMetrics(JsonIn in, String path) throws IOException {
        Set<Metric> metrics = EnumSet.noneOf(Metric.class);
        List<String> names = in.strings(path, Metric.values().length + 1);
        for (int k = 0; k < names.size(); k++) {
            Metric metric = metric(names.get(k));
            if (metric == null) {
                throw in.error(path + "[" + k + "]", "unknown metric " + JsonIn.quote(names.get(k)) + in.upgradeHint());
            }
            if (!metrics.add(metric)) {
                throw in.error(path + "[" + k + "]", JsonIn.quote(names.get(k)) + " is named twice");
            }
        }
        if (metrics.isEmpty()) {
            throw in.error(path, "a pipeline evaluates at least one metric");
        }
        return metrics;
    }

    /** An evaluation as read, before the model's diagnostics complete it. */
    private record RawEvaluation(JsonLocation start, int rows, Map<Metric, Double> values) {
    }

    private static RawEvaluation readEvaluation(JsonIn in, String path) throws IOException {
        JsonIn.Fields fields = in.object(path).expect("rows", "values");
        int rows = 0;
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (String field = fields.next(); field != null; field = fields.next()) {
            if (field.equals("rows")) {
                rows = in.integer(fields.at(field), 1, Integer.MAX_VALUE);
                continue;
            }
            JsonIn.Fields metrics = in.object(fields.at(field));
            for (Metric metric : Metric.values()) {
                metrics.expect(metricName(metric));
            }
            for (String name = metrics.next(); name != null; name = metrics.next()) {
                values.put(metric(name), in.finite(metrics.at(name)));
            }
            if (values.isEmpty()) {
                throw in.error(fields.at(field), "an evaluation has at least one metric value");
            }
        }
        fields.requireAll();
        return new RawEvaluation(fields.start(), rows, values);
    }
}
