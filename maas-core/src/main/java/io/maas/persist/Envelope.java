package io.maas.persist;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first of the loader's two passes: walks every token of the file under the limits of {@link Limits}, allocating
 * nothing in proportion to the file, and checks the envelope around the payload: the format name, the version and
 * the SHA-256 of the payload's bytes. Only a file that passes is read for its content, so a corrupt file is reported
 * as corrupt rather than by whatever its corruption happens to break.
 *
 * @param major        the file's major format version
 * @param minor        the file's minor format version
 * @param payloadStart the offset of the payload's opening brace
 * @param payloadEnd   the offset just past its closing brace
 */
record Envelope(int major, int minor, int payloadStart, int payloadEnd) {

    /** The value of the {@code format} field of every maas model file. */
    static final String FORMAT = "maas-model";
    /** The format version this maas writes, and the newest it fully understands. */
    static final int MAJOR = 1;
    static final int MINOR = 1;

    private static final Pattern VERSION = Pattern.compile("(0|[1-9][0-9]{0,5})\\.(0|[1-9][0-9]{0,5})");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Returns whether the file is a newer minor version than this maas knows: unknown fields are then skipped. */
    boolean newerMinor() {
        return minor > MINOR;
    }

    /** Returns the file's version, such as {@code 1.0}. */
    String version() {
        return major + "." + minor;
    }

    static Envelope check(byte[] file) {
        if (file.length > Limits.MAX_FILE_BYTES) {
            throw tooLarge();
        }
        try (JsonParser parser = Json.factory().createParser(file)) {
            try {
                return scan(parser, file);
            } catch (IOException e) {
                throw Json.error(parser, e);
            }
        } catch (IOException e) {
            throw new ModelFormatException("$", 0, 0, -1, "cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    static ModelFormatException tooLarge() {
        return new ModelFormatException("$", String.format(Locale.ROOT,
                "the file is larger than the format's limit of %d bytes", Limits.MAX_FILE_BYTES));
    }

    private static Envelope scan(JsonParser parser, byte[] file) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new ModelFormatException("$", "the file is empty");
        }
        if (first != JsonToken.START_OBJECT) {
            throw Json.error(parser, "$", "not a maas model file: it is not a JSON object");
        }
        String format = null;
        String version = null;
        String sha256 = null;
        JsonLocation formatAt = null;
        JsonLocation versionAt = null;
        JsonLocation sha256At = null;
        String unknown = null;
        int payloadStart = -1;
        int payloadEnd = -1;
        long values = 1;
        boolean closed = false;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            if (closed) {
                throw Json.error(parser, "$", "there is content after the end of the top-level object");
            }
            JsonStreamContext context = parser.getParsingContext();
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                closed = context.inRoot();
                if (token == JsonToken.END_OBJECT && isTopLevelField(context, "payload")) {
                    payloadEnd = Math.toIntExact(parser.currentTokenLocation().getByteOffset() + 1);
                }
                continue;
            }
            if (token == JsonToken.FIELD_NAME) {
                continue;
            }
            JsonStreamContext container = token.isStructStart() ? context.getParent() : context;
            if (++values > Limits.MAX_VALUES) {
                throw Json.error(parser, Json.path(parser), String.format(Locale.ROOT,
                        "the file holds more than the format's limit of %d values", Limits.MAX_VALUES));
            }
            if (container.inArray() && container.getCurrentIndex() >= Limits.MAX_ARRAY_LENGTH) {
                throw Json.error(parser, Json.path(parser), String.format(Locale.ROOT,
                        "an array has more than the format's limit of %d elements", Limits.MAX_ARRAY_LENGTH));
            }
            if (!container.inObject() || !container.getParent().inRoot()) {
                continue;
            }
            String field = container.getCurrentName();
            switch (field) {
                case "format" -> {
                    format = topLevelString(parser, token, field);
                    formatAt = parser.currentTokenLocation();
                }
                case "format_version" -> {
                    version = topLevelString(parser, token, field);
                    versionAt = parser.currentTokenLocation();
                }
                case "sha256" -> {
                    sha256 = topLevelString(parser, token, field);
                    sha256At = parser.currentTokenLocation();
                }
                case "payload" -> {
                    if (token != JsonToken.START_OBJECT) {
                        throw Json.error(parser, "$.payload", "must be an object but is " + JsonIn.describe(token));
                    }
                    payloadStart = Math.toIntExact(parser.currentTokenLocation().getByteOffset());
                }
                default -> unknown = unknown == null ? field : unknown;
            }
        }
        if (format == null) {
            throw new ModelFormatException("$", "not a maas model file: it has no \"format\" field");
        }
        if (!FORMAT.equals(format)) {
            throw at(formatAt, "$.format", "not a maas model file: the format is " + JsonIn.quote(format)
                    + " but must be \"" + FORMAT + "\"");
        }
        if (version == null) {
            throw new ModelFormatException("$", "missing field \"format_version\"");
        }
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.matches()) {
            throw at(versionAt, "$.format_version", JsonIn.quote(version)
                    + " is not a version MAJOR.MINOR such as \"1.0\"");
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        if (major != MAJOR) {
            throw at(versionAt, "$.format_version", String.format(Locale.ROOT,
                    "format version %s is not supported: this maas reads %d.x files (up to %d.%d)", version, MAJOR,
                    MAJOR, MINOR));
        }
        if (unknown != null && minor <= MINOR) {
            throw new ModelFormatException(Json.member("$", unknown), "unexpected field; the top-level object has "
                    + "exactly format, format_version, payload and sha256");
        }
        if (payloadStart < 0) {
            throw new ModelFormatException("$", "missing field \"payload\"");
        }
        if (sha256 == null) {
            throw new ModelFormatException("$", "missing field \"sha256\"");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw at(sha256At, "$.sha256", JsonIn.quote(sha256) + " is not 64 lowercase hexadecimal digits");
        }
        String actual = sha256(file, payloadStart, payloadEnd);
        if (!actual.equals(sha256)) {
            throw at(sha256At, "$.sha256", "checksum mismatch: the payload's SHA-256 is " + actual
                    + " but the file records " + sha256 + "; the file is corrupt or was edited");
        }
        return new Envelope(major, minor, payloadStart, payloadEnd);
    }

    private static boolean isTopLevelField(JsonStreamContext context, String name) {
        return context.inObject() && context.getParent() != null && context.getParent().inRoot()
                && name.equals(context.getCurrentName());
    }

    private static String topLevelString(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw Json.error(parser, "$." + field, "must be a string but is " + JsonIn.describe(token));
        }
        return parser.getText();
    }

    private static ModelFormatException at(JsonLocation at, String path, String problem) {
        return new ModelFormatException(path, at.getLineNr(), at.getColumnNr(), at.getByteOffset(), problem, null);
    }

    /** Returns the lowercase hexadecimal SHA-256 of {@code bytes[start, end)}. */
    static String sha256(byte[] bytes, int start, int end) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, start, end - start);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
