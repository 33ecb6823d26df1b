package io.maas.persist;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * The one place that configures Jackson's streaming parser and generator (the only outside library of this
 * package) and turns its exceptions and locations into {@link ModelFormatException}s with a JSONPath.
 */
final class Json {

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");

    private Json() {
    }

    /**
     * Returns a new factory for one file: strict JSON (no comments, NaN, single quotes or trailing commas: Jackson's
     * defaults), duplicate field names rejected, and Jackson's own limits set to ours so that no token is buffered
     * beyond them. Field names are not interned (a hostile file would grow the JVM's string table), and a factory per
     * file means no symbol table is shared between loads.
     */
    static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(Limits.MAX_FILE_BYTES)
                        .maxNestingDepth(Limits.MAX_DEPTH)
                        .maxStringLength(Limits.MAX_STRING_LENGTH)
                        .maxNameLength(Limits.MAX_FIELD_NAME_LENGTH)
                        .maxNumberLength(Limits.MAX_NUMBER_LENGTH)
                        .build())
                .errorReportConfiguration(ErrorReportConfiguration.builder()
                        .maxErrorTokenLength(40)
                        .maxRawContentLength(0)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
    }

    /** Returns the JSONPath of the value the parser stands on, such as {@code $.payload.stages[1].means}. */
    static String path(JsonParser parser) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            if (context.inArray()) {
                parts.addFirst("[" + Math.max(0, context.getCurrentIndex()) + "]");
            } else if (context.getCurrentName() != null) {
                parts.addFirst(member("", context.getCurrentName()));
            }
        }
        return "$" + String.join("", parts);
    }

    /** Appends a member to a JSONPath: {@code .name}, or {@code ['odd name']} quoted and shortened. */
    static String member(String path, String name) {
        if (SIMPLE_NAME.matcher(name).matches()) {
            return path + "." + name;
        }
        String shown = name.length() <= 40 ? name : name.substring(0, 40) + "...";
        return path + "['" + shown.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** Returns an exception at the parser's current token. */
    static ModelFormatException error(JsonParser parser, String path, String problem) {
        JsonLocation at = parser.currentTokenLocation();
        return new ModelFormatException(path, at.getLineNr(), at.getColumnNr(), at.getByteOffset(), problem, null);
    }

    /**
     * Translates what Jackson throws while reading bytes already in memory: every such exception is a defect of the
     * file (there is no I/O to fail).
     */
    static ModelFormatException error(JsonParser parser, IOException e) {
        String path = path(parser);
        JsonLocation at = e instanceof JsonProcessingException p && p.getLocation() != null
                ? p.getLocation() : parser.currentLocation();
        String detail = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        String problem;
        if (e instanceof JsonEOFException || detail != null && detail.contains("end-of-input")) {
            problem = "the file ends before its JSON is complete (truncated?): " + detail;
        } else if (e instanceof StreamConstraintsException) {
            problem = "a limit of the format is exceeded: " + detail;
        } else {
            problem = "not valid JSON: " + detail;
        }
        return new ModelFormatException(path, at.getLineNr(), at.getColumnNr(), at.getByteOffset(), problem, e);
    }
}
