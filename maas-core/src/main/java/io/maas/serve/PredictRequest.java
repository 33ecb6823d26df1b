package io.maas.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of a {@code POST /predict} body, checked against the model's features, in one of three shapes:
 * <ul>
 *   <li>{@code {"X": [1.0, 2.0, ...]}}: one row, answered with one value;</li>
 *   <li>{@code {"X": [[1.0, 2.0, ...], ...]}}: a list of rows in feature order, answered with a list;</li>
 *   <li>{@code {"rows": [{"age": 0.03, "bmi": 0.06, ...}, ...]}}: a list of rows by feature name, answered with a
 *       list.</li>
 * </ul>
 * Every row has exactly one finite number per feature; {@code null} is a missing value (NaN), allowed only when
 * the model starts with an imputer. Any other body is a 400 whose message names the place, such as
 * {@code X[2][4]} or {@code rows[0].bmi}.
 *
 * @param single whether the body held one row ({@code "X": [...]}) rather than a list
 * @param rows   the rows, each of the model's width
 */
record PredictRequest(boolean single, double[][] rows) {

    static final String EXAMPLE = "{\"X\": [0.1, 2.5, ...]}";

    /** What a row must hold: the model's features, in order, and whether a value may be missing. */
    static final class Schema {

        private final List<String> names;
        private final Map<String, Integer> index = new HashMap<>();
        private final boolean acceptsMissing;

        Schema(List<String> names, boolean acceptsMissing) {
            this.names = List.copyOf(names);
            for (int j = 0; j < this.names.size(); j++) {
                index.put(this.names.get(j), j);
            }
            this.acceptsMissing = acceptsMissing;
        }

        int width() {
            return names.size();
        }
    }

    /** Parses and checks a body. */
    static PredictRequest read(byte[] body, Schema schema) {
        return Json.readObject(body, EXAMPLE, parser -> read(parser, schema));
    }

    private static PredictRequest read(JsonParser parser, Schema schema) throws IOException {
        PredictRequest request = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (!field.equals("X") && !field.equals("rows")) {
                throw HttpError.badRequest("unknown field " + Json.quote(field)
                        + "; the body holds \"X\" (a row, or a list of rows, of numbers in feature order) or \"rows\""
                        + " (a list of objects from feature name to number)");
            }
            if (request != null) {
                throw HttpError.badRequest("the body holds both \"X\" and \"rows\"; send one of them");
            }
            parser.nextToken();
            request = field.equals("X") ? readX(parser, schema) : readNamedRows(parser, schema);
        }
        if (request == null) {
            throw HttpError.badRequest("the body has no \"X\" and no \"rows\"; send, for example, " + EXAMPLE);
        }
        return request;
    }

    private static PredictRequest readX(JsonParser parser, Schema schema) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw HttpError.badRequest("X must be a list of " + schema.width() + " numbers, or a list of such lists,"
                    + " but is " + Json.describe(parser));
        }
        JsonToken first = parser.nextToken();
        if (first == JsonToken.END_ARRAY) {
            throw HttpError.badRequest("X is empty; send one row of " + schema.width() + " numbers "
                    + schema.names + ", or a list of rows");
        }
        if (first != JsonToken.START_ARRAY) {
            return new PredictRequest(true, new double[][] {readRow(parser, schema, "X")});
        }
        RowList rows = new RowList();
        do {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw HttpError.badRequest(String.format(Locale.ROOT,
                        "X[%d] must be a list of %d numbers like the rows before it, but is %s", rows.size,
                        schema.width(), Json.describe(parser)));
            }
            parser.nextToken();
            rows.add(readRow(parser, schema, String.format(Locale.ROOT, "X[%d]", rows.size)));
        } while (parser.nextToken() != JsonToken.END_ARRAY);
        return new PredictRequest(false, rows.toArray());
    }

    /** Reads the values of one row from its first token (after {@code [}) to its {@code ]}. */
    private static double[] readRow(JsonParser parser, Schema schema, String where) throws IOException {
        double[] row = new double[schema.width()];
        int count = 0;
        for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            String at = String.format(Locale.ROOT, "%s[%d]", where, count);
            double value = readValue(parser, schema, count < schema.width()
                    ? at + " ('" + schema.names.get(count) + "')" : at);
            if (count < row.length) {
                row[count] = value;
            }
            count++;
        }
        if (count != schema.width()) {
            throw HttpError.badRequest(String.format(Locale.ROOT,
                    "%s has %d values but the model expects %d features %s", where, count, schema.width(),
                    schema.names));
        }
        return row;
    }

    private static PredictRequest readNamedRows(JsonParser parser, Schema schema) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw HttpError.badRequest("rows must be a list of objects from feature name to number, but is "
                    + Json.describe(parser));
        }
        RowList rows = new RowList();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String where = String.format(Locale.ROOT, "rows[%d]", rows.size);
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw HttpError.badRequest(where + " must be an object from feature name to number, but is "
                        + Json.describe(parser));
            }
            double[] row = new double[schema.width()];
            boolean[] seen = new boolean[schema.width()];
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                Integer j = schema.index.get(name);
                if (j == null) {
                    throw HttpError.badRequest(where + " has unknown feature " + Json.quote(name)
                            + "; the features are " + schema.names);
                }
                parser.nextToken();
                row[j] = readValue(parser, schema, where + "." + name);
                seen[j] = true;
            }
            for (int j = 0; j < seen.length; j++) {
                if (!seen[j]) {
                    throw HttpError.badRequest(where + " has no value for feature '" + schema.names.get(j)
                            + "'; every row needs all of " + schema.names);
                }
            }
            rows.add(row);
        }
        if (rows.size == 0) {
            throw HttpError.badRequest("rows is empty; send at least one object from feature name to number");
        }
        return new PredictRequest(false, rows.toArray());
    }

    private static double readValue(JsonParser parser, Schema schema, String where) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw HttpError.badRequest(where + " is " + Json.describe(parser)
                        + ", beyond the range of a double; values must be finite");
            }
            return value;
        }
        if (token == JsonToken.VALUE_NULL) {
            if (schema.acceptsMissing) {
                return Double.NaN;
            }
            throw HttpError.badRequest(where + " is null, a missing value; this model has no imputer, so every"
                    + " feature needs a finite number");
        }
        throw HttpError.badRequest(where + " must be a number but is " + Json.describe(parser));
    }

    /** A growing list of rows. */
    private static final class RowList {

        private double[][] rows = new double[8][];
        private int size;

        void add(double[] row) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
            }
            rows[size++] = row;
        }

        double[][] toArray() {
            return Arrays.copyOf(rows, size);
        }
    }
}
