package io.maas.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict JSON through Jackson's streaming parser and generator: no NaN or Infinity tokens, no duplicate keys, no
 * comments, no trailing commas, nothing after the one top-level value, nesting at most 16 deep. Malformed input
 * becomes a 400 {@link HttpError} naming the line and column; Jackson's hints to its own users and its source
 * excerpts are left out of the message.
 */
final class Json {

    /** Longest piece of a request echoed in an error message. */
    static final int ECHO_LIMIT = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();

    private static final Pattern JACKSON_HINT = Pattern.compile(
            ": enable `[^`]*` to allow|\\s*\\(start marker at \\[[^]]*]\\)|\\s*at \\[Source: [^]]*]"
                    + "|\\s*\\([^()]*Feature '[^']*'[^()]*\\)");

    private Json() {
    }

    /** Reads what follows a parser's next token in a body. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    /**
     * Parses a body that must be one JSON object and nothing else: {@code reader} is called on the object's
     * {@code START_OBJECT} and must leave the parser on its {@code END_OBJECT}.
     *
     * @throws HttpError 400 if the body is empty, not a JSON object, malformed or followed by more content
     */
    static <T> T readObject(byte[] body, String example, BodyReader<T> reader) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw HttpError.badRequest("the body is empty; send a JSON object such as " + example);
            }
            if (first != JsonToken.START_OBJECT) {
                throw HttpError.badRequest("the body must be a JSON object such as " + example + " but starts with "
                        + describe(parser));
            }
            T value = reader.read(parser);
            if (parser.nextToken() != null) {
                throw HttpError.badRequest(String.format(Locale.ROOT,
                        "invalid JSON at line %d, column %d: unexpected content after the object",
                        parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr()));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest(invalid(e));
        } catch (IOException e) {
            // A byte array cannot fail to read: anything else is a parser fault.
            throw new UncheckedIOException(e);
        }
    }

    /** Checks that a body is one JSON object, for a model card given as text. */
    static boolean isObject(String text) {
        try {
            return readObject(text.getBytes(StandardCharsets.UTF_8), "{}", parser -> {
                parser.skipChildren();
                return Boolean.TRUE;
            });
        } catch (HttpError e) {
            return false;
        }
    }

    /** Describes the parser's current token for an error message: a value as written (shortened), else its kind. */
    static String describe(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "the string " + quote(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + shorten(parser.getText());
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> parser.getText();
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** A request's text in double quotes, shortened to {@value #ECHO_LIMIT} characters. */
    static String quote(String text) {
        return "'" + shorten(text) + "'";
    }

    private static String shorten(String text) {
        return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT) + "...";
    }

    private static String invalid(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        message = JACKSON_HINT.matcher(message).replaceAll("");
        if (message.startsWith("Non-standard token")) {
            message += "; NaN and Infinity are not JSON numbers, and every value must be finite";
        }
        return at == null ? "invalid JSON: " + message : String.format(Locale.ROOT,
                "invalid JSON at line %d, column %d: %s", at.getLineNr(), at.getColumnNr(), message);
    }

    /** Writes a JSON document into bytes; the writer calls the generator. */
    @FunctionalInterface
    interface BodyWriter {
        void write(JsonGenerator generator) throws IOException;
    }

    static byte[] write(BodyWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writer.write(generator);
        } catch (IOException e) {
            // Writing to memory cannot fail: anything else is a fault of the writer.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The body {@code {"error": message}}. */
    static byte[] error(String message) {
        return write(generator -> {
            generator.writeStartObject();
            generator.writeStringField("error", message);
            generator.writeEndObject();
        });
    }
}
