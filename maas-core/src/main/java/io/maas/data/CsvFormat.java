package io.maas.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to read a numeric CSV file with a header row into a {@link Dataset}; immutable and safe to share.
 *
 * <p>The grammar is RFC 4180 (comma-separated, double-quoted fields, LF or CRLF line ends; parsed by FastCSV), in
 * UTF-8; a UTF-8 byte order mark is skipped and bytes that are not valid UTF-8 are an error. The first row names
 * the columns; names must be distinct and not blank. The target is the column named with
 * {@link Builder#target(String)}, by default the last column; every other column is a feature. Every cell must be
 * a number in plain decimal notation (see the rules below) and every row must have as many fields as the header.
 * Empty lines are skipped.
 *
 * <p>Numbers: optional sign, digits with an optional fraction or a fraction alone, optional exponent, optional
 * surrounding spaces: {@code 12}, {@code -0.5}, {@code .25}, {@code 1e-3}. Hexadecimal, type suffixes
 * ({@code 1.5d}), {@code NaN}, {@code Infinity}, thousands separators, empty cells and values that overflow a
 * double ({@code 1e400}) are rejected.
 *
 * <p>Any violation throws {@link DataFormatException} naming the source, line, column and the text found; nothing
 * is returned half-read.
 */
public final class CsvFormat {

    private static final CsvFormat DEFAULTS = new CsvFormat(null);
    /** A UTF-8 byte order mark decodes to this character; it is skipped at the start of the text. */
    private static final int BYTE_ORDER_MARK = '\uFEFF';

    private final String target;

    private CsvFormat(String target) {
        this.target = target;
    }

    /**
     * Returns the default format: header row, comma separator, the last column is the target.
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
     * @throws IOException          if the file cannot be opened or read
     * @throws DataFormatException  if the content breaks a rule of this format (the message names line, column and
     *                              text)
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
        Objects.requireNonNull(in, "in");
        CharsetDecoder strictUtf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return read(new InputStreamReader(in, strictUtf8), sourceName);
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
        PushbackReader text = new PushbackReader(reader, 1);
        int first = text.read();
        if (first != BYTE_ORDER_MARK && first != -1) {
            text.unread(first);
        }
        CsvReader<CsvRecord> csv = CsvReader.builder()
                .allowMissingFields(true) // ragged rows are reported below, with the line and the field counts
                .allowExtraFields(true)
                .detectBomHeader(false)
                .skipEmptyLines(true)
                .ofCsvRecord(text);
        try {
            return parse(csv.iterator(), sourceName);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw new DataFormatException(sourceName, "the input is not valid UTF-8", e.getCause());
            }
            throw e.getCause();
        } catch (CsvParseException e) {
            throw new DataFormatException(sourceName, "is not valid CSV: " + e.getMessage(), e);
        }
    }

    private Dataset parse(Iterator<CsvRecord> records, String source) {
        if (!records.hasNext()) {
            throw new DataFormatException(source, 0, null, "is empty; expected a header row and data rows");
        }
        CsvRecord header = records.next();
        List<String> names = header.getFields();
        int width = names.size();
        int targetColumn = targetColumn(names, source, header.getStartingLineNumber());
        List<String> featureNames = new ArrayList<>(names);
        featureNames.remove(targetColumn);
        validateHeader(names, source, header.getStartingLineNumber());

        int p = width - 1;
        int capacity = 64;
        double[] features = new double[capacity * p];
        double[] target = new double[capacity];
        int n = 0;
        while (records.hasNext()) {
            CsvRecord record = records.next();
            long line = record.getStartingLineNumber();
            if (record.getFieldCount() != width) {
                throw new DataFormatException(source, line, null, String.format(Locale.ROOT,
                        "has %d fields but the header has %d", record.getFieldCount(), width));
            }
            if (n == capacity) {
                capacity = Math.multiplyExact(2, capacity);
                target = Arrays.copyOf(target, capacity);
                features = Arrays.copyOf(features, Math.multiplyExact(capacity, p));
            }
            int out = n * p;
            for (int j = 0; j < width; j++) {
                double value = number(record.getField(j), source, line, names.get(j));
                if (j == targetColumn) {
                    target[n] = value;
                } else {
                    features[out++] = value;
                }
            }
            n++;
        }
        if (n == 0) {
            throw new DataFormatException(source, 0, null, "has a header but no data rows");
        }
        return Dataset.ofOwned(featureNames, names.get(targetColumn),
                Arrays.copyOf(features, n * p), Arrays.copyOf(target, n));
    }

    private int targetColumn(List<String> names, String source, long line) {
        if (names.size() < 2) {
            throw new DataFormatException(source, line, null, String.format(Locale.ROOT,
                    "the header has %d column(s); expected at least one feature and the target", names.size()));
        }
        if (target == null) {
            return names.size() - 1;
        }
        int index = names.indexOf(target);
        if (index < 0) {
            throw new DataFormatException(source, line, null,
                    "no column is named '" + target + "' (the target); the header has " + names);
        }
        return index;
    }

    private static void validateHeader(List<String> names, String source, long line) {
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            if (name.isBlank()) {
                throw new DataFormatException(source, line, null,
                        String.format(Locale.ROOT, "header field %d is blank; every column needs a name", j + 1));
            }
            if (names.indexOf(name) != j) {
                throw new DataFormatException(source, line, name, "the column name appears more than once");
            }
        }
    }

    private static double number(String text, String source, long line, String column) {
        try {
            return DecimalParser.parse(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(source, line, column, DataFormatException.quote(text) + " " + e.getMessage());
        }
    }

    /**
     * Returns the target column name, or "(last column)" for the default.
     *
     * @return a description of this format
     */
    @Override
    public String toString() {
        return "CsvFormat[header, comma, target=" + (target == null ? "(last column)" : target) + "]";
    }

    /** Builds a {@link CsvFormat}; each option method checks its argument at once. Not thread-safe. */
    public static final class Builder {

        private String target;

        private Builder() {
        }

        /**
         * Sets the column to predict, by its header name.
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
            this.target = columnName;
            return this;
        }

        /**
         * Returns the format configured so far; the builder stays usable.
         *
         * @return an immutable format
         */
        public CsvFormat build() {
            return new CsvFormat(target);
        }
    }
}
