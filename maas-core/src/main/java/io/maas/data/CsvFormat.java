package io.maas.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How to read a CSV file into a {@link Dataset}, whole ({@code read}) or as a stream of chunks ({@code chunks});
 * immutable and safe to share. Both ways use one parser: reading whole concatenates the chunks.
 *
 * <p><b>Text.</b> UTF-8; a byte order mark is skipped and bytes that are not valid UTF-8 are an error, never
 * U+FFFD. The grammar is RFC 4180, parsed by FastCSV: fields separated by the delimiter (default {@code ,}),
 * optionally enclosed in quotes (default {@code "}, doubled inside a quoted field), records ended by LF, CRLF or CR;
 * a quoted field may hold delimiters and line breaks. Empty lines are skipped, and so are lines starting with the
 * comment character, if one is set. U+FFFF must not occur (it is a Unicode noncharacter; maas uses it internally).
 *
 * <p><b>Columns.</b> By default the first record is a header naming the columns (distinct, not blank); with
 * {@link Header#ABSENT} the columns are named {@code x0, x1, ...}. The target is the last column unless chosen by
 * name or index. Every other column is a feature unless {@link Builder#features} picks the features or
 * {@link Builder#dropColumns} drops some; dropped columns are not parsed. Features are numeric unless declared
 * {@link Builder#categorical} or detected ({@link Builder#detectCategorical()}); the target is always numeric.
 *
 * <p><b>Cells.</b> Surrounding spaces and tabs are removed from every cell. A cell equal to a missing-value token
 * (default {@code ""}, {@code NA}, {@code NaN}, {@code ?}) is missing: the dataset counts it and
 * {@link Dataset#requireComplete()} reports it; a missing target is an error. A numeric cell must be plain decimal
 * notation: optional sign, digits with an optional fraction or a fraction alone, optional exponent ({@code 12},
 * {@code -0.5}, {@code .25}, {@code 3.}, {@code +2E+2}); hexadecimal, type suffixes ({@code 1.5d}), {@code Infinity},
 * thousands separators, other text and values that overflow a double ({@code 1e400}) are errors. A categorical cell
 * is kept as its (trimmed) string.
 *
 * <p><b>Errors.</b> Every violation throws {@link DataFormatException} naming the source, the line, the column and
 * the text found (shortened when long): a bad cell, a record whose field count differs from the header's, a blank
 * or repeated header name, an empty file, a header without rows, a quote left open (at the line where it opened), a
 * record longer than {@link Builder#maxLineLength}. Nothing is returned half-read.
 */
public final class CsvFormat {

    /** The default missing-value tokens. */
    static final List<String> DEFAULT_MISSING = List.of("", "NA", "NaN", "?");
    private static final int DEFAULT_CHUNK_ROWS = 10_000;
    private static final int DEFAULT_MAX_LINE_LENGTH = 1 << 22;
    private static final int LARGEST_MAX_LINE_LENGTH = 1 << 30;
    private static final CsvFormat DEFAULTS = new Builder().build();

    /** Whether the first record names the columns. */
    public enum Header {
        /** The first record is the header row. */
        PRESENT,
        /** Every record is data; the columns are named {@code x0, x1, ...}. */
        ABSENT
    }

    private final Header header;
    private final char delimiter;
    private final char quote;
    private final OptionalInt comment;
    private final String targetName;
    private final int targetIndex;
    private final List<String> features;
    private final List<String> dropped;
    private final List<String> categorical;
    private final boolean detectCategorical;
    private final List<String> missingTokens;
    private final int chunkRows;
    private final int maxLineLength;

    private CsvFormat(Builder b) {
        this.header = b.header;
        this.delimiter = b.delimiter;
        this.quote = b.quote;
        this.comment = b.comment;
        this.targetName = b.targetName;
        this.targetIndex = b.targetIndex;
        this.features = b.features;
        this.dropped = b.dropped;
        this.categorical = b.categorical;
        this.detectCategorical = b.detectCategorical;
        this.missingTokens = b.missingTokens;
        this.chunkRows = b.chunkRows;
        this.maxLineLength = b.maxLineLength;
    }

    /**
     * Returns the default format: header row, comma, double quote, no comments, the last column is the target, all
     * other columns numeric features, missing tokens {@code "", NA, NaN, ?}, chunks of 10,000 rows, records of at
     * most 4,194,304 characters.
     *
     * @return the default format
     */
    public static CsvFormat defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a UTF-8 CSV file into a dataset.
     *
     * @param path the file to read
     * @return the dataset, with rows in file order
     * @throws IOException         if the file cannot be opened or read
     * @throws DataFormatException if the content breaks a rule of this format (the message names line, column and
     *                             text)
     */
    public Dataset read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }

    /**
     * Reads UTF-8 CSV bytes into a dataset; the stream is read to its end but not closed.
     *
     * @param in         the bytes to read
     * @param sourceName a name for the source in error messages, such as a file name
     * @return the dataset, with rows in input order
     * @throws IOException         if reading fails
     * @throws DataFormatException if the content breaks a rule of this format or is not valid UTF-8
     */
    public Dataset read(InputStream in, String sourceName) throws IOException {
        return read(strictUtf8(in), sourceName);
    }

    /**
     * Reads CSV text into a dataset; the reader is read to its end but not closed.
     *
     * @param reader     the text to read
     * @param sourceName a name for the source in error messages, such as a file name
     * @return the dataset, with rows in input order
     * @throws IOException         if reading fails
     * @throws DataFormatException if the content breaks a rule of this format
     */
    public Dataset read(Reader reader, String sourceName) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sourceName, "sourceName");
        // Not closed here: the caller owns the reader. Whole = all chunks, concatenated.
        return CsvChunkReader.open(this, reader, sourceName).readAll();
    }

    /**
     * Opens a UTF-8 CSV file for reading in chunks of at most {@link Builder#chunkRows} rows, so that memory stays
     * bounded whatever the file's size; the header and the first chunk are read at once.
     *
     * @param path the file to read
     * @return the open chunks, to be closed by the caller (try-with-resources)
     * @throws IOException         if the file cannot be opened or read
     * @throws DataFormatException if the header or the first chunk breaks a rule of this format
     */
    public DatasetChunks chunks(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        InputStream in = Files.newInputStream(path);
        try {
            return chunks(in, path.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Opens UTF-8 CSV bytes for reading in chunks; closing the chunks closes the stream.
     *
     * @param in         the bytes to read
     * @param sourceName a name for the source in error messages, such as a file name
     * @return the open chunks, to be closed by the caller
     * @throws IOException         if reading fails
     * @throws DataFormatException if the header or the first chunk breaks a rule of this format
     */
    public DatasetChunks chunks(InputStream in, String sourceName) throws IOException {
        return chunks(strictUtf8(in), sourceName);
    }

    /**
     * Opens CSV text for reading in chunks; closing the chunks closes the reader.
     *
     * @param reader     the text to read
     * @param sourceName a name for the source in error messages, such as a file name
     * @return the open chunks, to be closed by the caller
     * @throws IOException         if reading fails
     * @throws DataFormatException if the header or the first chunk breaks a rule of this format
     */
    public DatasetChunks chunks(Reader reader, String sourceName) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sourceName, "sourceName");
        return new DatasetChunks(CsvChunkReader.open(this, reader, sourceName));
    }

    private static Reader strictUtf8(InputStream in) {
        Objects.requireNonNull(in, "in");
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }

    Header header() {
        return header;
    }

    char delimiter() {
        return delimiter;
    }

    char quote() {
        return quote;
    }

    OptionalInt comment() {
        return comment;
    }

    Optional<String> targetName() {
        return Optional.ofNullable(targetName);
    }

    /** The target's column index, or -1 when chosen by name or as the last column. */
    int targetIndex() {
        return targetIndex;
    }

    /** The chosen features in order, or empty for all columns that are not the target or dropped. */
    List<String> features() {
        return features;
    }

    List<String> dropped() {
        return dropped;
    }

    List<String> categorical() {
        return categorical;
    }

    boolean detectCategorical() {
        return detectCategorical;
    }

    List<String> missingTokens() {
        return missingTokens;
    }

    int chunkRows() {
        return chunkRows;
    }

    int maxLineLength() {
        return maxLineLength;
    }

    /**
     * Returns the options of this format.
     *
     * @return for example {@code CsvFormat[header PRESENT, delimiter ',', quote '"', target (last column), ...]}
     */
    @Override
    public String toString() {
        String target = targetName != null ? "'" + targetName + "'"
                : targetIndex >= 0 ? "column " + targetIndex : "(last column)";
        return String.format(Locale.ROOT, "CsvFormat[header %s, delimiter '%c', quote '%c', comment %s, target %s,"
                        + " features %s, dropped %s, categorical %s%s, missing %s, chunkRows %d, maxLineLength %d]",
                header, delimiter, quote, comment.isPresent() ? "'" + (char) comment.getAsInt() + "'" : "none",
                target, features.isEmpty() ? "(all others)" : features, dropped, categorical,
                detectCategorical ? " + detected" : "", missingTokens, chunkRows, maxLineLength);
    }

    /**
     * Builds a {@link CsvFormat}; each option method checks its argument at once and {@link #build()} checks that
     * the options agree. Not thread-safe; {@code build()} leaves it reusable.
     */
    public static final class Builder {

        private Header header = Header.PRESENT;
        private char delimiter = ',';
        private char quote = '"';
        private OptionalInt comment = OptionalInt.empty();
        private String targetName;
        private int targetIndex = -1;
        private List<String> features = List.of();
        private List<String> dropped = List.of();
        private List<String> categorical = List.of();
        private boolean detectCategorical;
        private List<String> missingTokens = DEFAULT_MISSING;
        private int chunkRows = DEFAULT_CHUNK_ROWS;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;

        private Builder() {
        }

        /**
         * Sets whether the first record is a header row; {@link Header#PRESENT} unless set.
         *
         * @param header the header option
         * @return this builder
         */
        public Builder header(Header header) {
            this.header = Objects.requireNonNull(header, "header");
            return this;
        }

        /**
         * Sets the field delimiter; {@code ,} unless set.
         *
         * @param delimiter for example {@code ;} or a tab
         * @return this builder
         * @throws IllegalArgumentException if it is a line break or U+FFFF
         */
        public Builder delimiter(char delimiter) {
            this.delimiter = control("delimiter", delimiter);
            return this;
        }

        /**
         * Sets the quote character; {@code "} unless set.
         *
         * @param quote for example {@code '}
         * @return this builder
         * @throws IllegalArgumentException if it is a line break or U+FFFF
         */
        public Builder quote(char quote) {
            this.quote = control("quote", quote);
            return this;
        }

        /**
         * Makes lines that start with {@code comment} comments, which are skipped; there are none unless set.
         *
         * @param comment for example {@code #}
         * @return this builder
         * @throws IllegalArgumentException if it is a line break or U+FFFF
         */
        public Builder comment(char comment) {
            this.comment = OptionalInt.of(control("comment", comment));
            return this;
        }

        private static char control(String option, char c) {
            if (c == '\n' || c == '\r' || c == MarkedReader.END_MARKER) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s must not be a line break or U+FFFF but was U+%04X", option, (int) c));
            }
            return c;
        }

        /**
         * Chooses the column to predict by its name (with {@link Header#ABSENT}: {@code x0, x1, ...}).
         *
         * @param columnName the target column's name, not blank
         * @return this builder
         * @throws IllegalArgumentException if the name is blank
         */
        public Builder target(String columnName) {
            Objects.requireNonNull(columnName, "columnName");
            if (columnName.isBlank()) {
                throw new IllegalArgumentException("target column name must not be blank");
            }
            this.targetName = columnName;
            this.targetIndex = -1;
            return this;
        }

        /**
         * Chooses the column to predict by its 0-based position in the file.
         *
         * @param columnIndex the target column's index, &ge; 0
         * @return this builder
         * @throws IllegalArgumentException if the index is negative
         */
        public Builder targetIndex(int columnIndex) {
            if (columnIndex < 0) {
                throw new IllegalArgumentException("target column index must be >= 0 but was " + columnIndex);
            }
            this.targetIndex = columnIndex;
            this.targetName = null;
            return this;
        }

        /**
         * Chooses the last column as the target, the default.
         *
         * @return this builder
         */
        public Builder targetLastColumn() {
            this.targetName = null;
            this.targetIndex = -1;
            return this;
        }

        /**
         * Uses exactly these columns as features, in this order; the other columns, except the target, are not read.
         *
         * @param columnNames one or more distinct, non-blank column names
         * @return this builder
         * @throws IllegalArgumentException if no name is given, or a name is blank or repeated
         * @throws IllegalStateException    if columns were dropped with {@link #dropColumns}
         */
        public Builder features(String... columnNames) {
            if (!dropped.isEmpty()) {
                throw new IllegalStateException("features(...) and dropColumns(...) cannot be combined; dropped "
                        + dropped + " already");
            }
            this.features = names("features", columnNames, 1);
            return this;
        }

        /**
         * Drops these columns: they are neither features nor parsed.
         *
         * @param columnNames one or more distinct, non-blank column names
         * @return this builder
         * @throws IllegalArgumentException if no name is given, or a name is blank or repeated
         * @throws IllegalStateException    if the features were chosen with {@link #features}
         */
        public Builder dropColumns(String... columnNames) {
            if (!features.isEmpty()) {
                throw new IllegalStateException("features(...) and dropColumns(...) cannot be combined; features "
                        + features + " chosen already");
            }
            this.dropped = names("dropColumns", columnNames, 1);
            return this;
        }

        /**
         * Declares feature columns categorical: their cells are kept as strings.
         *
         * @param columnNames one or more distinct, non-blank column names
         * @return this builder
         * @throws IllegalArgumentException if no name is given, or a name is blank or repeated
         */
        public Builder categorical(String... columnNames) {
            this.categorical = names("categorical", columnNames, 1);
            return this;
        }

        /**
         * Detects categorical features: a feature column not declared categorical is categorical when, among the
         * first {@link #chunkRows} data rows, at least one cell that is not missing is not a number in this format's
         * grammar. Otherwise it is numeric, and a later cell that is not a number is an error (declare the column
         * categorical to accept it). The target is never detected as categorical.
         *
         * @return this builder
         */
        public Builder detectCategorical() {
            this.detectCategorical = true;
            return this;
        }

        /**
         * Sets the tokens that mark a missing cell, compared with the cell's text after removing surrounding spaces
         * and tabs; {@code "", NA, NaN, ?} unless set. With no token, every cell must hold a value.
         *
         * @param tokens zero or more distinct tokens, without surrounding spaces or tabs, for example {@code "-"}
         * @return this builder
         * @throws IllegalArgumentException if a token is repeated or has surrounding spaces or tabs
         */
        public Builder missingValues(String... tokens) {
            List<String> checked = names("missingValues", tokens, 0);
            for (String token : checked) {
                if (!token.isEmpty() && (isBlank(token.charAt(0)) || isBlank(token.charAt(token.length() - 1)))) {
                    throw new IllegalArgumentException("missing-value token '" + token
                            + "' has surrounding spaces; cells are compared after removing them");
                }
            }
            this.missingTokens = checked;
            return this;
        }

        /**
         * Sets how many rows a chunk holds at most (the last may hold fewer), and how many rows
         * {@link #detectCategorical()} looks at; 10,000 unless set. Memory for one chunk is about
         * {@code rows * (8 * p + 4 * q + 8)} bytes for p numeric and q categorical features; {@code read} also
         * reads chunks of this size and concatenates them.
         *
         * @param rows &ge; 1
         * @return this builder
         * @throws IllegalArgumentException if rows &lt; 1
         */
        public Builder chunkRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("chunkRows must be >= 1 but was " + rows);
            }
            this.chunkRows = rows;
            return this;
        }

        /**
         * Sets the longest record accepted, in characters of its fields and delimiters (a record is one line unless
         * a quoted field holds line breaks); 4,194,304 unless set. A longer record is an error at its line, which
         * also stops a quote left open from swallowing the file.
         *
         * @param characters 1 &le; characters &le; 2^30
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxLineLength(int characters) {
            if (characters < 1 || characters > LARGEST_MAX_LINE_LENGTH) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "maxLineLength must be between 1 and %d but was %d", LARGEST_MAX_LINE_LENGTH, characters));
            }
            this.maxLineLength = characters;
            return this;
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }

        private static List<String> names(String option, String[] names, int atLeast) {
            Objects.requireNonNull(names, option);
            if (names.length < atLeast) {
                throw new IllegalArgumentException(option + " needs at least one column name");
            }
            Set<String> seen = new HashSet<>();
            for (String name : names) {
                Objects.requireNonNull(name, option);
                if (atLeast > 0 && name.isBlank()) {
                    throw new IllegalArgumentException(option + ": a column name must not be blank");
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException(option + ": '" + name + "' is given more than once");
                }
            }
            return List.of(names);
        }

        /**
         * Returns the format configured so far; the builder stays usable.
         *
         * @return an immutable format
         * @throws IllegalStateException if options conflict: the delimiter, quote and comment characters are not
         *                               distinct, or the target is also chosen, dropped or declared categorical,
         *                               or a dropped column is declared categorical
         */
        public CsvFormat build() {
            if (delimiter == quote || (comment.isPresent() && (comment.getAsInt() == delimiter
                    || comment.getAsInt() == quote))) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "delimiter '%c', quote '%c' and comment %s must be distinct characters", delimiter, quote,
                        comment.isPresent() ? "'" + (char) comment.getAsInt() + "'" : "(none)"));
            }
            if (targetName != null) {
                String role = features.contains(targetName) ? "a feature"
                        : dropped.contains(targetName) ? "dropped"
                        : categorical.contains(targetName) ? "categorical" : null;
                if (role != null) {
                    throw new IllegalStateException("the target '" + targetName + "' cannot also be " + role);
                }
            }
            for (String name : categorical) {
                if (dropped.contains(name)) {
                    throw new IllegalStateException("column '" + name + "' is both dropped and categorical");
                }
            }
            return new CsvFormat(this);
        }
    }
}
