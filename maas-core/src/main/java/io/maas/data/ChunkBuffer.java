package io.maas.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Collects the parsed rows of one chunk into growing arrays laid out as a {@link Table} wants them, then hands them
 * over as a dataset. Cells arrive as character ranges from the parser, so a numeric cell is never a String.
 */
final class ChunkBuffer {

    private static final int INITIAL_ROWS = 1024;
    /** The longest array the JVM allocates safely. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final CsvSchema schema;
    private final byte[] kinds;
    private final int[] slots;
    private final MissingTokens missing;
    private final CategoryLevels[] levels;
    private final int maxRows;
    private final int p;
    private final int q;
    private final int[] missingCounts;
    private double[] features;
    private double[] target;
    private final int[][] codes;
    private int capacity;
    private int rows;

    /**
     * @param levels  the category levels of the source, shared by its chunks
     * @param maxRows the most rows this chunk takes
     */
    ChunkBuffer(CsvSchema schema, MissingTokens missing, CategoryLevels[] levels, int maxRows) {
        this.schema = schema;
        this.kinds = schema.kinds;
        this.slots = schema.slots;
        this.missing = missing;
        this.levels = levels;
        this.maxRows = maxRows;
        this.p = schema.featureNames.size();
        this.q = schema.categoricalNames.size();
        this.missingCounts = new int[p + q];
        this.capacity = Math.min(maxRows, INITIAL_ROWS);
        this.features = new double[Math.multiplyExact(capacity, p)];
        this.target = new double[capacity];
        this.codes = new int[q][capacity];
    }

    boolean isFull() {
        return rows == maxRows;
    }

    int rows() {
        return rows;
    }

    /** Stores the cell of file column {@code column} of the current row, or throws naming line, column and text. */
    void accept(int column, char[] text, int offset, int length, long line) {
        byte kind = kinds[column];
        if (kind == CsvSchema.NUMERIC || kind == CsvSchema.TARGET) {
            // The hot path, kept small enough to be inlined: a number that is not also a missing-value token.
            double value = DecimalParser.parseOrNaN(text, offset, length);
            if (Double.isFinite(value) && !missing.isNumber()) {
                if (kind == CsvSchema.NUMERIC) {
                    features[rows * p + slots[column]] = value;
                } else {
                    target[rows] = value;
                }
                return;
            }
        }
        acceptOther(column, text, offset, length, line);
    }

    private void acceptOther(int column, char[] text, int offset, int length, long line) {
        switch (kinds[column]) {
            case CsvSchema.NUMERIC -> {
                int slot = slots[column];
                double value = Double.NaN;
                if (missing.matches(text, offset, length)) {
                    missingCounts[slot]++;
                } else {
                    value = number(column, text, offset, length, line);
                }
                features[rows * p + slot] = value;
            }
            case CsvSchema.TARGET -> {
                if (missing.matches(text, offset, length)) {
                    throw new DataFormatException(schema.source, line, schema.columnNames.get(column),
                            "the target is missing (" + DataFormatException.quote(new String(text, offset, length))
                                    + "); every row needs a target value");
                }
                target[rows] = number(column, text, offset, length, line);
            }
            case CsvSchema.CATEGORICAL -> {
                int slot = slots[column];
                if (missing.matches(text, offset, length)) {
                    codes[slot][rows] = Dataset.MISSING_CATEGORY;
                    missingCounts[p + slot]++;
                } else {
                    codes[slot][rows] = levels[slot].code(trimmed(text, offset, length));
                }
            }
            default -> {
                // a skipped column is not parsed at all
            }
        }
    }

    /** Completes the current row, which started on {@code line}. */
    void endRow(long line) {
        rows++;
        if (rows == capacity && rows < maxRows) {
            int limit = MAX_ARRAY / Math.max(1, p);
            if (rows >= limit) {
                throw new DataFormatException(schema.source, line, null, String.format(Locale.ROOT,
                        "brings the chunk to %d rows x %d features, more than one Java array holds; choose fewer"
                                + " chunkRows", rows, p));
            }
            // Steps of 8: a small source stays small, a full chunk costs two short copies.
            capacity = (int) Math.min(Math.min(maxRows, limit), 8L * capacity);
            features = Arrays.copyOf(features, Math.multiplyExact(capacity, p));
            target = Arrays.copyOf(target, capacity);
            for (int c = 0; c < q; c++) {
                codes[c] = Arrays.copyOf(codes[c], capacity);
            }
        }
    }

    /** Returns the rows collected as a dataset; at least one row must have been collected. */
    Dataset toDataset() {
        int[][] ownCodes = new int[q][];
        List<List<String>> ownLevels = new ArrayList<>();
        for (int c = 0; c < q; c++) {
            ownCodes[c] = trim(codes[c]);
            codes[c] = null;
            ownLevels.add(levels[c].snapshot());
        }
        double[] ownFeatures = features.length == rows * p ? features : Arrays.copyOf(features, rows * p);
        double[] ownTarget = target.length == rows ? target : Arrays.copyOf(target, rows);
        Table table = new Table(schema.featureNames, schema.targetName, ownFeatures, ownTarget,
                schema.categoricalNames, ownCodes, ownLevels);
        features = null; // handed over: this buffer must neither write into them nor keep them alive
        target = null;
        return new Dataset(table, null, null, missingCounts.clone());
    }

    private int[] trim(int[] columnCodes) {
        return columnCodes.length == rows ? columnCodes : Arrays.copyOf(columnCodes, rows);
    }

    private double number(int column, char[] text, int offset, int length, long line) {
        try {
            return DecimalParser.parse(text, offset, length);
        } catch (NumberFormatException e) {
            String hint = schema.detected && kinds[column] == CsvSchema.NUMERIC
                    ? "; the column looked numeric in the rows used for detection: declare it categorical to keep"
                            + " text"
                    : "";
            throw new DataFormatException(schema.source, line, schema.columnNames.get(column),
                    DataFormatException.quote(new String(text, offset, length)) + " " + e.getMessage() + hint);
        }
    }

    private static String trimmed(char[] text, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && MissingTokens.isBlank(text[start])) {
            start++;
        }
        while (end > start && MissingTokens.isBlank(text[end - 1])) {
            end--;
        }
        return new String(text, start, end - start);
    }
}
