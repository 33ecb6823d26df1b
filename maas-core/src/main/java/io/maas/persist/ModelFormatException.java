package io.maas.persist;

import java.util.Locale;

/**
 * Thrown when a model file cannot be loaded: it is not a maas model file, its version is not supported, it is
 * corrupt, truncated or inconsistent, or it exceeds a limit of the format. The one exception the loader throws for
 * anything wrong with the bytes it is given; the message says what is wrong and where, as a JSONPath and, when
 * known, a line and column, such as {@code $.payload.stages[1].means (line 40, column 18): 9 values but 10 columns}.
 *
 * <p>The where is also available as accessors. Lines and columns count from 1, byte offsets from 0.
 */
public final class ModelFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Where in the document: a JSONPath such as {@code $.payload.model.coefficients}; a String, serializable. */
    private final String path;
    /** The 1-based line of the problem, or 0 when unknown. */
    private final long line;
    /** The 1-based column of the problem, or 0 when unknown. */
    private final long column;
    /** The 0-based byte offset of the problem, or -1 when unknown. */
    private final long byteOffset;

    ModelFormatException(String path, long line, long column, long byteOffset, String problem, Throwable cause) {
        super(describe(path, line, column, problem), cause);
        this.path = path;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.byteOffset = Math.max(-1, byteOffset);
    }

    ModelFormatException(String path, String problem) {
        this(path, 0, 0, -1, problem, null);
    }

    private static String describe(String path, long line, long column, String problem) {
        return line > 0
                ? String.format(Locale.ROOT, "%s (line %d, column %d): %s", path, line, column, problem)
                : path + ": " + problem;
    }

    /**
     * Returns where the problem is, as a JSONPath from the top-level object.
     *
     * @return for example {@code $.payload.stages[1].means}, or {@code $} for the file as a whole
     */
    public String path() {
        return path;
    }

    /**
     * Returns the 1-based line where the reader found the problem.
     *
     * @return the line, or 0 when the problem concerns no single place (the file's size, its checksum)
     */
    public long line() {
        return line;
    }

    /**
     * Returns the 1-based column where the reader found the problem.
     *
     * @return the column, or 0 when unknown
     */
    public long column() {
        return column;
    }

    /**
     * Returns the 0-based byte offset where the reader found the problem.
     *
     * @return the offset, or -1 when unknown
     */
    public long byteOffset() {
        return byteOffset;
    }
}
