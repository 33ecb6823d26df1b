package io.maas.persist;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The writing side of {@link JsonIn}: the generator of a model file and the values it writes. Doubles are written as
 * {@link Double#toString}'s text, which reads back as the same double; a non-finite double is refused.
 */
final class JsonOut {

    private JsonOut() {
    }

    /** Returns a UTF-8 generator that pretty-prints with two-space indents, LF line ends and {@code "name": value}. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator generator = Json.factory().createGenerator(out, JsonEncoding.UTF8);
        generator.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n")));
        return generator;
    }

    static void writeDouble(JsonGenerator out, String field, double value) throws IOException {
        out.writeFieldName(field);
        writeDouble(out, value);
    }

    /** Writes {@link Double#toString}'s text, which reads back as the same double. */
    private static void writeDouble(JsonGenerator out, double value) throws IOException {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the model format holds only finite numbers but a value is " + value);
        }
        out.writeNumber(Double.toString(value));
    }

    static void writeOptionalDouble(JsonGenerator out, String field, OptionalDouble value) throws IOException {
        out.writeFieldName(field);
        if (value.isPresent()) {
            writeDouble(out, value.getAsDouble());
        } else {
            out.writeNull();
        }
    }

    static void writeDoubles(JsonGenerator out, String field, double[] values) throws IOException {
        out.writeArrayFieldStart(field);
        for (double value : values) {
            writeDouble(out, value);
        }
        out.writeEndArray();
    }

    static void writeInts(JsonGenerator out, String field, int[] values) throws IOException {
        out.writeArrayFieldStart(field);
        for (int value : values) {
            out.writeNumber(value);
        }
        out.writeEndArray();
    }

    static void writeStrings(JsonGenerator out, String field, List<String> values) throws IOException {
        out.writeArrayFieldStart(field);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }
}
