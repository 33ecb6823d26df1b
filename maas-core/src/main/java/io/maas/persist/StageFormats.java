package io.maas.persist;

import com.fasterxml.jackson.core.JsonGenerator;
import io.maas.features.PolynomialFeatures;
import io.maas.pipeline.FittedStage;
import io.maas.preprocess.ColumnSelection;
import io.maas.preprocess.Imputer;
import io.maas.preprocess.MinMaxScaler;
import io.maas.preprocess.StandardScaler;
import java.io.IOException;
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
            "imputer", StageFormats::readImputer);

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
