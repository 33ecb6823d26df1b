package io.maas.persist;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cursor over the payload for the second pass: typed reads that check the JSON type, finiteness, ranges and sizes
 * (before growing an array past its limit) and report failures with the JSONPath they are given. The value readers
 * expect the parser to stand on the value's first token and leave it on the value's last token.
 */
final class JsonIn {

    private final JsonParser parser;
    private final Envelope envelope;

    /**
     * @param envelope the checked envelope: when the file is a newer minor version, fields this maas does not know
     *                 are optional additions and are skipped; otherwise they are rejected
     */
    JsonIn(JsonParser parser, Envelope envelope) {
        this.parser = parser;
        this.envelope = envelope;
    }

    /** Returns what to add to a message about a type or name this maas does not know. */
    String upgradeHint() {
        return envelope.newerMinor() ? String.format(Locale.ROOT,
                " (the file is format %s, newer than the %d.%d this maas reads fully: a newer maas may read it)",
                envelope.version(), Envelope.MAJOR, Envelope.MINOR) : "";
    }

    boolean skipsUnknown() {
        return envelope.newerMinor();
    }

    JsonToken next() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw error(Json.path(parser), "the file ends before its JSON is complete");
        }
        return token;
    }

    ModelFormatException error(String path, String problem) {
        return Json.error(parser, path, problem);
    }

    static ModelFormatException error(JsonLocation at, String path, String problem) {
        return new ModelFormatException(path, at.getLineNr(), at.getColumnNr(), at.getByteOffset(), problem, null);
    }

    /** Turns the {@code IllegalArgumentException} of a model class's factory into ours, at the object being read. */
    static ModelFormatException invalid(Fields fields, IllegalArgumentException e) {
        JsonLocation at = fields.start();
        return new ModelFormatException(fields.path(), at.getLineNr(), at.getColumnNr(), at.getByteOffset(),
                e.getMessage(), e);
    }

    JsonLocation location() {
        return parser.currentTokenLocation();
    }

    private void expect(JsonToken expected, String path, String what) {
        if (parser.currentToken() != expected) {
            throw error(path, "must be " + what + " but is " + describe(parser.currentToken()));
        }
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    void skip() throws IOException {
        parser.skipChildren();
    }

    String string(String path) throws IOException {
        expect(JsonToken.VALUE_STRING, path, "a string");
        return parser.getText();
    }

    /** Reads a name: a string that is not blank. */
    String name(String path) throws IOException {
        String name = string(path);
        if (name.isBlank()) {
            throw error(path, "a name must not be blank");
        }
        return name;
    }

    double finite(String path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
            throw error(path, "must be a number but is " + describe(token));
        }
        // The JSON number grammar is a subset of Double.parseDouble's, which rounds correctly: the written
        // Double.toString text comes back as the same double.
        String text = parser.getText();
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw error(path, quote(text) + " is not a finite double");
        }
        return value;
    }

    int integer(String path, int min, int max) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw error(path, "must be an integer but is " + describe(token));
        }
        if (parser.getNumberType() != JsonParser.NumberType.INT || parser.getIntValue() < min
                || parser.getIntValue() > max) {
            throw error(path, String.format(Locale.ROOT, "%s is outside %d..%d", quote(parser.getText()), min, max));
        }
        return parser.getIntValue();
    }

    boolean bool(String path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw error(path, "must be true or false but is " + describe(token));
        }
        return token == JsonToken.VALUE_TRUE;
    }

    /** Reads an array of at most {@code max} finite numbers. */
    double[] doubles(String path, int max) throws IOException {
        expect(JsonToken.START_ARRAY, path, "an array of numbers");
        double[] values = new double[16];
        int n = 0;
        while (next() != JsonToken.END_ARRAY) {
            if (n == max) {
                throw error(path, String.format(Locale.ROOT, "more than the format's limit of %d values", max));
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(max, 2L * n));
            }
            values[n] = finite(path + "[" + n + "]");
            n++;
        }
        return Arrays.copyOf(values, n);
    }

    /** Reads an array of at most {@code max} integers, each in {@code [min, maxValue]}. */
    int[] ints(String path, int max, int min, int maxValue) throws IOException {
        expect(JsonToken.START_ARRAY, path, "an array of integers");
        int[] values = new int[16];
        int n = 0;
        while (next() != JsonToken.END_ARRAY) {
            if (n == max) {
                throw error(path, String.format(Locale.ROOT, "more than the format's limit of %d values", max));
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(max, 2L * n));
            }
            values[n] = integer(path + "[" + n + "]", min, maxValue);
            n++;
        }
        return Arrays.copyOf(values, n);
    }

    /** Reads an array of at most {@code max} strings. */
    List<String> strings(String path, int max) throws IOException {
        expect(JsonToken.START_ARRAY, path, "an array of strings");
        List<String> values = new ArrayList<>();
        while (next() != JsonToken.END_ARRAY) {
            if (values.size() == max) {
                throw error(path, String.format(Locale.ROOT, "more than the format's limit of %d strings", max));
            }
            values.add(string(path + "[" + values.size() + "]"));
        }
        return values;
    }

    /** Reads an array of at most {@code max} distinct names, at least one. */
    List<String> names(String path, int max) throws IOException {
        List<String> names = namesOrNone(path, max);
        if (names.isEmpty()) {
            throw error(path, "must name at least one column");
        }
        return names;
    }

    /** Reads an array of at most {@code max} distinct names, possibly empty. */
    List<String> namesOrNone(String path, int max) throws IOException {
        List<String> names = strings(path, max);
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < names.size(); k++) {
            if (names.get(k).isBlank() || !seen.add(names.get(k))) {
                throw error(path + "[" + k + "]", quote(names.get(k)) + (names.get(k).isBlank()
                        ? " is blank" : " is named twice"));
            }
        }
        return names;
    }

    /** Requires the parser to stand on the opening bracket of an array, of what the message calls {@code what}. */
    void array(String path, String what) {
        expect(JsonToken.START_ARRAY, path, what);
    }

    /** Starts reading an object. */
    Fields object(String path) {
        expect(JsonToken.START_OBJECT, path, "an object");
        return new Fields(path);
    }

    /** Requires {@code size} to equal {@code expected}, naming what the expected count counts. */
    void requireSize(JsonLocation at, String path, int size, int expected, String counted) {
        if (size != expected) {
            throw error(at, path, String.format(Locale.ROOT, "%d values but %d %s", size, expected, counted));
        }
    }

    /**
     * The fields of one object: {@link #next()} moves to each field's value in file order and returns the field's
     * name; unknown fields are skipped or rejected, and {@link #requireAll()} reports the ones that were missing.
     */
    final class Fields {

        private final String path;
        private final JsonLocation start;
        private final Set<String> known = new LinkedHashSet<>();
        private final Set<String> seen = new HashSet<>();

        private Fields(String path) {
            this.path = path;
            this.start = parser.currentTokenLocation();
        }

        /** Declares the fields this object has; each must appear once. */
        Fields expect(String... names) {
            known.addAll(List.of(names));
            return this;
        }

        /** Reads the first field, which must be {@code "type"}, and returns its string value: the tag. */
        String type() throws IOException {
            String at = path + ".type";
            if (JsonIn.this.next() != JsonToken.FIELD_NAME) {
                throw error(path, "missing field \"type\"");
            }
            if (!"type".equals(parser.currentName())) {
                throw error(path, "the first field must be \"type\" but is " + quote(parser.currentName()));
            }
            JsonIn.this.next();
            known.add("type");
            seen.add("type");
            return string(at);
        }

        /** Moves to the next known field's value and returns its name, or returns null at the object's end. */
        String next() throws IOException {
            while (true) {
                if (JsonIn.this.next() == JsonToken.END_OBJECT) {
                    return null;
                }
                String name = parser.currentName();
                JsonIn.this.next();
                if (known.contains(name)) {
                    if (!seen.add(name)) {
                        throw error(at(name), "the field appears twice");
                    }
                    return name;
                }
                if (!skipsUnknown()) {
                    throw error(Json.member(path, name), "unexpected field; the fields here are " + known);
                }
                skip();
            }
        }

        String at(String field) {
            return Json.member(path, field);
        }

        String path() {
            return path;
        }

        /** Returns where the object starts. */
        JsonLocation start() {
            return start;
        }

        void requireAll() {
            Set<String> missing = new LinkedHashSet<>(known);
            missing.removeAll(seen);
            if (!missing.isEmpty()) {
                throw error(path, "missing field" + (missing.size() > 1 ? "s " : " ") + missing);
            }
        }
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a decimal number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** Quotes text from the file for a message, shortened so a hostile file cannot flood a log. */
    static String quote(String text) {
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + String.format(Locale.ROOT,
                "...(%d chars)", text.length());
        return "\"" + shown + "\"";
    }
}
