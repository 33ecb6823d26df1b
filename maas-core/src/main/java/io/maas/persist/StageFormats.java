package io.maas.persist;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import io.maas.features.OneHotEncoder;
import io.maas.features.PolynomialFeatures;
import io.maas.pipeline.FittedStage;
import io.maas.preprocess.ColumnSelection;
import io.maas.preprocess.Imputer;
import io.maas.preprocess.MinMaxScaler;
import io.maas.preprocess.StandardScaler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fitted stage types a model file can hold: a stage is an object tagged by its first field, {@code "type"}, whose
 * value is looked up in the fixed table {@link #READERS}; nothing in a file names a class. Adding a stage type is one
 * reader (an entry in the table) and one writer (a branch of {@link #write}), and a new minor format version.
 */
final class StageFormats {

    @FunctionalInterface
    private interface Reader {
        FittedStage read(JsonIn in, JsonIn.Fields fields) throws IOException;
    }

    private static final Map<String, Reader> READERS = Map.of(
            "standard_scaler", StageFormats::readStandardScaler,
            "min_max_scaler", StageFormats::readMinMaxScaler,
            "column_selection", StageFormats::readColumnSelection,
            "polynomial_features", StageFormats::readPolynomialFeatures,
            "imputer", StageFormats::readImputer,
            "one_hot_encoder", StageFormats::readOneHotEncoder);

    /** The values of a one-hot encoder's {@code unknown_categories}: rejected, or encoded as all zeros. */
    private static final String UNKNOWN_ERROR = "error";
    private static final String UNKNOWN_ZEROS = "zeros";

    private StageFormats() {
    }

    /** Reads one stage object; the parser stands on its opening brace. */
    static FittedStage read(JsonIn in, String path) throws IOException {
        JsonIn.Fields fields = in.object(path);
        String type = fields.type();
        Reader reader = READERS.get(type);
        if (reader == null) {
            throw in.error(fields.at("type"), "unknown stage type " + JsonIn.quote(type) + "; this maas reads "
                    + new TreeSet<>(READERS.keySet()) + in.upgradeHint());
        }
        return reader.read(in, fields);
    }

    /**
     * Writes one stage object.
     *
     * @throws IllegalArgumentException if the format has no type for the stage
     */
    static void write(FittedStage stage, JsonGenerator out) throws IOException {
        out.writeStartObject();
        if (stage instanceof StandardScaler scaler) {
            out.writeStringField("type", "standard_scaler");
            JsonOut.writeStrings(out, "columns", scaler.inputNames());
            JsonOut.writeDoubles(out, "means", scaler.means());
            JsonOut.writeDoubles(out, "standard_deviations", scaler.standardDeviations());
        } else if (stage instanceof MinMaxScaler scaler) {
            out.writeStringField("type", "min_max_scaler");
            JsonOut.writeStrings(out, "columns", scaler.inputNames());
            JsonOut.writeDoubles(out, "minimums", scaler.minimums());
            JsonOut.writeDoubles(out, "ranges", scaler.ranges());
        } else if (stage instanceof ColumnSelection selection) {
            out.writeStringField("type", "column_selection");
            JsonOut.writeStrings(out, "inputs", selection.inputNames());
            JsonOut.writeStrings(out, "outputs", selection.outputNames());
        } else if (stage instanceof Imputer imputer) {
            out.writeStringField("type", "imputer");
            JsonOut.writeStrings(out, "columns", imputer.inputNames());
            JsonOut.writeDoubles(out, "fill_values", imputer.fillValues());
        } else if (stage instanceof PolynomialFeatures polynomial) {
            out.writeStringField("type", "polynomial_features");
            JsonOut.writeStrings(out, "inputs", polynomial.inputNames());
            JsonOut.writeInts(out, "parents", polynomial.parents());
            JsonOut.writeInts(out, "variables", polynomial.variables());
            JsonOut.writeStrings(out, "outputs", polynomial.outputNames());
        } else if (stage instanceof OneHotEncoder encoder) {
            out.writeStringField("type", "one_hot_encoder");
            JsonOut.writeStrings(out, "inputs", encoder.inputNames());
            out.writeArrayFieldStart("categorical_inputs");
            for (int c = 0; c < encoder.categoricalInputNames().size(); c++) {
                out.writeStartObject();
                out.writeStringField("name", encoder.categoricalInputNames().get(c));
                JsonOut.writeStrings(out, "levels", encoder.levels().get(c));
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeStringField("unknown_categories", encoder.ignoresUnknown() ? UNKNOWN_ZEROS : UNKNOWN_ERROR);
            JsonOut.writeStrings(out, "outputs", encoder.outputNames());
        } else {
            throw new IllegalArgumentException("the model format has no type for the stage " + stage + " ("
                    + stage.getClass().getName() + "); it saves " + new TreeSet<>(READERS.keySet()));
        }
        out.writeEndObject();
    }

    private static FittedStage readImputer(JsonIn in, JsonIn.Fields fields) throws IOException {
        fields.expect("columns", "fill_values");
        List<String> columns = null;
        double[] fill = null;
        for (String field = fields.next(); field != null; field = fields.next()) {
            if (field.equals("columns")) {
                columns = in.names(fields.at(field), Limits.MAX_COLUMNS);
            } else {
                fill = in.doubles(fields.at(field), Limits.MAX_COLUMNS);
            }
        }
        fields.requireAll();
        in.requireSize(fields.start(), fields.at("fill_values"), fill.length, columns.size(), "columns");
        try {
            return Imputer.of(columns, fill);
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
    }

    private static FittedStage readStandardScaler(JsonIn in, JsonIn.Fields fields) throws IOException {
        Affine affine = readAffine(in, fields, "means", "standard_deviations");
        try {
            return StandardScaler.of(affine.columns(), affine.offsets(), affine.scales());
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
    }

    private static FittedStage readMinMaxScaler(JsonIn in, JsonIn.Fields fields) throws IOException {
        Affine affine = readAffine(in, fields, "minimums", "ranges");
        try {
            return MinMaxScaler.of(affine.columns(), affine.offsets(), affine.scales());
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
    }

    /** The parameters of a scaler: an offset and a divisor per column. */
    private record Affine(List<String> columns, double[] offsets, double[] scales) {
    }

    /** Reads {@code columns}, an offset per column and a divisor (&gt; 0) per column. */
    private static Affine readAffine(JsonIn in, JsonIn.Fields fields, String offsetsField, String scalesField)
            throws IOException {
        fields.expect("columns", offsetsField, scalesField);
        List<String> columns = null;
        double[] offsets = null;
        double[] scales = null;
        for (String field = fields.next(); field != null; field = fields.next()) {
            if (field.equals("columns")) {
                columns = in.names(fields.at(field), Limits.MAX_COLUMNS);
            } else if (field.equals(offsetsField)) {
                offsets = in.doubles(fields.at(field), Limits.MAX_COLUMNS);
            } else {
                scales = in.doubles(fields.at(field), Limits.MAX_COLUMNS);
            }
        }
        fields.requireAll();
        in.requireSize(fields.start(), fields.at(offsetsField), offsets.length, columns.size(), "columns");
        in.requireSize(fields.start(), fields.at(scalesField), scales.length, columns.size(), "columns");
        for (int j = 0; j < scales.length; j++) {
            if (!(scales[j] > 0)) {
                throw JsonIn.error(fields.start(), fields.at(scalesField) + "[" + j + "]",
                        "a divisor must be > 0 but is " + scales[j]);
            }
        }
        return new Affine(columns, offsets, scales);
    }

    private static FittedStage readColumnSelection(JsonIn in, JsonIn.Fields fields) throws IOException {
        fields.expect("inputs", "outputs");
        List<String> inputs = null;
        List<String> outputs = null;
        for (String field = fields.next(); field != null; field = fields.next()) {
            if (field.equals("inputs")) {
                inputs = in.names(fields.at(field), Limits.MAX_COLUMNS);
            } else {
                outputs = in.names(fields.at(field), Limits.MAX_COLUMNS);
            }
        }
        fields.requireAll();
        Set<String> available = new HashSet<>(inputs);
        for (int k = 0; k < outputs.size(); k++) {
            if (!available.contains(outputs.get(k))) {
                throw JsonIn.error(fields.start(), fields.at("outputs") + "[" + k + "]",
                        JsonIn.quote(outputs.get(k)) + " is not one of the inputs");
            }
        }
        try {
            return ColumnSelection.of(inputs, outputs);
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
    }

    private static FittedStage readPolynomialFeatures(JsonIn in, JsonIn.Fields fields) throws IOException {
        fields.expect("inputs", "parents", "variables", "outputs");
        List<String> inputs = null;
        int[] parents = null;
        int[] variables = null;
        List<String> outputs = null;
        for (String field = fields.next(); field != null; field = fields.next()) {
            switch (field) {
                case "inputs" -> inputs = in.names(fields.at(field), Limits.MAX_COLUMNS);
                case "parents" -> parents = in.ints(fields.at(field), Limits.MAX_COLUMNS, -1, Limits.MAX_COLUMNS);
                case "variables" -> variables = in.ints(fields.at(field), Limits.MAX_COLUMNS, 0, Limits.MAX_COLUMNS);
                default -> outputs = in.names(fields.at(field), Limits.MAX_COLUMNS);
            }
        }
        fields.requireAll();
        in.requireSize(fields.start(), fields.at("variables"), variables.length, parents.length, "parents");
        in.requireSize(fields.start(), fields.at("outputs"), outputs.size(), parents.length, "terms");
        for (int t = 0; t < parents.length; t++) {
            if (parents[t] >= t) {
                throw JsonIn.error(fields.start(), fields.at("parents") + "[" + t + "]", String.format(Locale.ROOT,
                        "%d must be -1 or the index of an earlier term", parents[t]));
            }
            if (variables[t] >= inputs.size()) {
                throw JsonIn.error(fields.start(), fields.at("variables") + "[" + t + "]", String.format(
                        Locale.ROOT, "%d is not the index of one of the %d inputs", variables[t], inputs.size()));
            }
        }
        if ((long) parents.length * inputs.size() > Limits.MAX_POLYNOMIAL_CELLS) {
            throw JsonIn.error(fields.start(), fields.path(), String.format(Locale.ROOT,
                    "%d terms over %d inputs exceed the format's limit of %d terms x inputs", parents.length,
                    inputs.size(), Limits.MAX_POLYNOMIAL_CELLS));
        }
        long[] lengths = nameLengths(inputs, parents, variables);
        for (int t = 0; t < lengths.length; t++) {
            if (lengths[t] != outputs.get(t).length()) {
                throw JsonIn.error(fields.start(), fields.at("outputs") + "[" + t + "]", String.format(Locale.ROOT,
                        "is %s but the term's product has a name of %d characters", JsonIn.quote(outputs.get(t)),
                        lengths[t]));
            }
        }
        PolynomialFeatures polynomial;
        try {
            polynomial = PolynomialFeatures.of(inputs, parents, variables);
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
        List<String> derived = polynomial.outputNames();
        for (int t = 0; t < derived.size(); t++) {
            if (!derived.get(t).equals(outputs.get(t))) {
                throw JsonIn.error(fields.start(), fields.at("outputs") + "[" + t + "]", "is "
                        + JsonIn.quote(outputs.get(t)) + " but the term's product is " + JsonIn.quote(derived.get(t)));
            }
        }
        return polynomial;
    }

    /** The categorical columns of a one-hot encoder as read: names and, for each, its levels in output order. */
    private record CategoricalInputs(List<String> names, List<List<String>> levels, int levelCount) {
    }

    private static FittedStage readOneHotEncoder(JsonIn in, JsonIn.Fields fields) throws IOException {
        fields.expect("inputs", "categorical_inputs", "unknown_categories", "outputs");
        List<String> inputs = null;
        CategoricalInputs categorical = null;
        boolean zeros = false;
        List<String> outputs = null;
        for (String field = fields.next(); field != null; field = fields.next()) {
            String at = fields.at(field);
            switch (field) {
                case "inputs" -> inputs = in.namesOrNone(at, Limits.MAX_COLUMNS);
                case "categorical_inputs" -> categorical = readCategoricalInputs(in, at);
                case "unknown_categories" -> zeros = unknownCategories(in, at);
                default -> outputs = in.names(at, Limits.MAX_COLUMNS);
            }
        }
        fields.requireAll();
        Set<String> numeric = new HashSet<>(inputs);
        for (int c = 0; c < categorical.names().size(); c++) {
            if (numeric.contains(categorical.names().get(c))) {
                throw JsonIn.error(fields.start(), fields.at("categorical_inputs") + "[" + c + "].name",
                        JsonIn.quote(categorical.names().get(c)) + " is also one of the inputs");
            }
        }
        in.requireSize(fields.start(), fields.at("outputs"), outputs.size(), inputs.size() + categorical.levelCount(),
                "columns: the inputs, then one per level");
        requireEncoderOutputs(fields, inputs, categorical, outputs);
        try {
            OneHotEncoder encoder = OneHotEncoder.of(inputs, categorical.names(), categorical.levels());
            return zeros ? encoder.ignoreUnknown() : encoder;
        } catch (IllegalArgumentException e) {
            throw JsonIn.invalid(fields, e);
        }
    }

    /**
     * Reads the categorical columns of an encoder: at most {@link Limits#MAX_COLUMNS}, with at most
     * {@link Limits#MAX_LEVELS} levels over all of them, each limit checked before a list grows past it.
     */
    private static CategoricalInputs readCategoricalInputs(JsonIn in, String path) throws IOException {
        in.array(path, "an array of categorical columns");
        List<String> names = new ArrayList<>();
        List<List<String>> levels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int levelCount = 0;
        while (in.next() != JsonToken.END_ARRAY) {
            String at = path + "[" + names.size() + "]";
            if (names.size() == Limits.MAX_COLUMNS) {
                throw in.error(path, "more than the format's limit of " + Limits.MAX_COLUMNS + " categorical columns");
            }
            JsonIn.Fields fields = in.object(at).expect("name", "levels");
            String name = null;
            List<String> columnLevels = null;
            for (String field = fields.next(); field != null; field = fields.next()) {
                if (field.equals("name")) {
                    name = in.name(fields.at(field));
                } else {
                    columnLevels = readLevels(in, fields.at(field), Limits.MAX_LEVELS - levelCount);
                    levelCount += columnLevels.size();
                }
            }
            fields.requireAll();
            if (!seen.add(name)) {
                throw JsonIn.error(fields.start(), at + ".name", JsonIn.quote(name) + " is named twice");
            }
            names.add(name);
            levels.add(columnLevels);
        }
        if (names.isEmpty()) {
            throw in.error(path, "an encoder reads at least one categorical column");
        }
        return new CategoricalInputs(names, levels, levelCount);
    }

    /** Reads the distinct levels of one categorical column, at least one and at most {@code max}. */
    private static List<String> readLevels(JsonIn in, String path, int max) throws IOException {
        in.array(path, "an array of levels");
        List<String> levels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (in.next() != JsonToken.END_ARRAY) {
            if (levels.size() == max) {
                throw in.error(path, "more than the format's limit of " + Limits.MAX_LEVELS
                        + " levels (over all the encoder's categorical columns)");
            }
            String level = in.string(path + "[" + levels.size() + "]");
            if (!seen.add(level)) {
                throw in.error(path + "[" + levels.size() + "]", JsonIn.quote(level) + " is listed twice");
            }
            levels.add(level);
        }
        if (levels.isEmpty()) {
            throw in.error(path, "a categorical column has at least one level");
        }
        return levels;
    }

    private static boolean unknownCategories(JsonIn in, String path) throws IOException {
        String policy = in.string(path);
        if (!policy.equals(UNKNOWN_ERROR) && !policy.equals(UNKNOWN_ZEROS)) {
            throw in.error(path, JsonIn.quote(policy) + " is not a policy for unknown categories; they are \""
                    + UNKNOWN_ERROR + "\" and \"" + UNKNOWN_ZEROS + "\"" + in.upgradeHint());
        }
        return policy.equals(UNKNOWN_ZEROS);
    }

    /**
     * Requires each stated output name to be the one the encoder writes: the inputs, then {@code name=level} per
     * level. Lengths are compared before any name is built, so that a long column name with many levels cannot make
     * the loader build names far longer than the file.
     */
    private static void requireEncoderOutputs(JsonIn.Fields fields, List<String> inputs, CategoricalInputs categorical,
                                              List<String> outputs) {
        for (int k = 0; k < inputs.size(); k++) {
            if (!outputs.get(k).equals(inputs.get(k))) {
                throw JsonIn.error(fields.start(), fields.at("outputs") + "[" + k + "]", "is "
                        + JsonIn.quote(outputs.get(k)) + " but the encoder passes the input "
                        + JsonIn.quote(inputs.get(k)) + " through there");
            }
        }
        int k = inputs.size();
        for (int c = 0; c < categorical.names().size(); c++) {
            String name = categorical.names().get(c);
            for (String level : categorical.levels().get(c)) {
                String output = outputs.get(k);
                if (output.length() != name.length() + 1 + level.length() || !output.startsWith(name)
                        || output.charAt(name.length()) != '=' || !output.endsWith(level)) {
                    throw JsonIn.error(fields.start(), fields.at("outputs") + "[" + k + "]", "is "
                            + JsonIn.quote(output) + " but the encoder writes " + JsonIn.quote(name + "=" + level));
                }
                k++;
            }
        }
    }

    /**
     * Returns the length of each term's name ({@code a}, {@code a^2*b}, see {@link PolynomialFeatures}) without
     * building it, so that a file cannot make the loader build names far longer than the ones it states: chained
     * products of long input names would otherwise grow quadratically.
     */
    private static long[] nameLengths(List<String> inputs, int[] parents, int[] variables) {
        int[][] powers = new int[parents.length][];
        long[] lengths = new long[parents.length];
        for (int t = 0; t < parents.length; t++) {
            int[] power = parents[t] < 0 ? new int[inputs.size()] : powers[parents[t]].clone();
            power[variables[t]]++;
            powers[t] = power;
            long length = -1; // n factors take n - 1 separators
            for (int j = 0; j < power.length; j++) {
                if (power[j] > 0) {
                    length += 1 + inputs.get(j).length() + (power[j] > 1 ? 1 + Integer.toString(power[j]).length() : 0);
                }
            }
            lengths[t] = length;
        }
        return lengths;
    }
}
