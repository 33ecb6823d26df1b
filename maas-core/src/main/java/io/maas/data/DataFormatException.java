package io.maas.data;

import java.util.Locale;
import java.util.Optional;

/**
 * Thrown when input data cannot be read as a dataset; the message names the source, line, column and offending
 * text, and the same facts are available as accessors.
 *
 * <p>Line numbers count from 1 and are those of the text the data came from (the header is line 1).
 */
public final class DataFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_SHOWN_TEXT = 40;

    /** The name of the source that was read. */
    private final String source;
    /** The 1-based line of the problem, or 0. */
    private final long line;
    /** The column of the problem, or null. */
    private final String column;

    DataFormatException(String source, long line, String column, String message) {
        super(describe(source, line, column, message));
        this.source = source;
        this.line = line;
        this.column = column;
    }

    DataFormatException(String source, long line, String column, String message, Throwable cause) {
        super(describe(source, line, column, message), cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    DataFormatException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
        this.line = 0;
        this.column = null;
    }

    private static String describe(String source, long line, String column, String message) {
        StringBuilder where = new StringBuilder(source);
        if (line > 0) {
            where.append(", line ").append(line);
        }
        if (column != null) {
            where.append(", column '").append(column).append('\'');
        }
        return where.append(": ").append(message).toString();
    }

    /**
     * Quotes a cell's text for a message: shortened when long, so that one bad cell cannot flood a log, and with
     * line breaks and other control characters escaped, so that the message stays on one line.
     */
    static String quote(String text) {
        String shown = text.length() <= MAX_SHOWN_TEXT ? text : text.substring(0, MAX_SHOWN_TEXT);
        StringBuilder quoted = new StringBuilder(shown.length() + 24).append('\'');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        if (shown.length() < text.length()) {
            quoted.append(String.format(Locale.ROOT, "...(%d chars)", text.length()));
        }
        return quoted.append('\'').toString();
    }

    /**
     * Returns the name of the source that was read: a file name or a caller-given label.
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * Returns the 1-based line where the problem is, or 0 when it concerns no single line.
     *
     * @return the line number, or 0
     */
    public long line() {
        return line;
    }

    /**
     * Returns the name of the column where the problem is, if it concerns one column.
     *
     * @return the column name, or empty
     */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
