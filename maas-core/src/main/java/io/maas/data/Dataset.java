package io.maas.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * An immutable table of n &ge; 1 rows: p named numeric features, q named categorical columns, one named numeric
 * target and optional sample weights per row.
 *
 * <p>Numeric features are stored contiguously, row-major (row i, feature j at {@code i * p + j}): a model copies a
 * row with {@link #copyRow}, one {@code System.arraycopy}. A numeric cell is finite or <em>missing</em>; a missing
 * cell reads as NaN, so a model that cannot take missing values calls {@link #requireComplete()} before any work,
 * and one that understands only numbers calls {@link #requireNumeric()}. Categorical columns hold strings, stored as
 * codes into a list of levels, for one-hot encoding. The target is finite in every row. Weights, when present, are
 * finite and &ge; 0.
 *
 * <p>{@link #rows(int[])} returns a <em>view</em> that shares this dataset's storage through an index array, so
 * splits and folds copy no features; a view keeps the whole storage reachable. Arrays passed in are copied and
 * arrays handed out are copies: a dataset never aliases its caller's memory and is safe to share between threads.
 */
public final class Dataset {

    /** The code of a missing cell in a categorical column, as returned by {@link #categoryCode(int, int)}. */
    public static final int MISSING_CATEGORY = -1;
    private static final int SHOWN_NAMES = 12;
    private static final int SHOWN_ROWS = 5;

    private final Table table;
    /** The table rows of this dataset in order, or null when they are all the table's rows in table order. */
    private final int[] index;
    private final int rows;
    private final int columns;
    /** This dataset's weights in its own row order, or null when unweighted. */
    private final double[] weights;
    /** Missing cells per numeric feature, then per categorical column, over this dataset's rows. */
    private final int[] missing;

    Dataset(Table table, int[] index, double[] weights, int[] missing) {
        this.table = table;
        this.index = index;
        this.rows = index == null ? table.rows : index.length;
        this.columns = table.columns;
        this.weights = weights;
        this.missing = missing;
    }

    /**
     * Returns the rows of the given chunks of one source, in order, as one dataset: one copy into arrays of the exact
     * size. The chunks are whole (not views), unweighted, and have the same columns; the last one's category levels
     * extend all earlier ones'. Empties {@code chunks} as it goes, so that each chunk can be collected once copied.
     */
    static Dataset concatenate(List<Dataset> chunks) {
        if (chunks.size() == 1) {
            return chunks.remove(0);
        }
        Table first = chunks.get(0).table;
        List<List<String>> levels = chunks.get(chunks.size() - 1).table.levels;
        int p = first.columns;
        int q = first.codes.length;
        int n = chunks.stream().mapToInt(Dataset::rowCount).sum();
        double[] features = new double[Math.multiplyExact(n, p)];
        double[] target = new double[n];
        int[][] codes = new int[q][n];
        int[] missing = new int[p + q];
        int at = 0;
        while (!chunks.isEmpty()) {
            Dataset chunk = chunks.remove(0);
            Table part = chunk.table;
            assert chunk.index == null && chunk.weights == null && part.featureNames.equals(first.featureNames);
            System.arraycopy(part.features, 0, features, at * p, part.rows * p);
            System.arraycopy(part.target, 0, target, at, part.rows);
            for (int c = 0; c < q; c++) {
                System.arraycopy(part.codes[c], 0, codes[c], at, part.rows);
            }
            for (int k = 0; k < missing.length; k++) {
                missing[k] += chunk.missing[k];
            }
            at += part.rows;
        }
        Table table = new Table(first.featureNames, first.targetName, features, target, first.categoricalNames, codes,
                levels);
        return new Dataset(table, null, null, missing);
    }

    /**
     * Returns a dataset holding a copy of the given rows and target; no value may be missing.
     *
     * @param featureNames the names of the p feature columns, distinct and not blank, p &ge; 1
     * @param features     n rows of p finite values each, n &ge; 1
     * @param targetName   the name of the target, not blank and not one of the feature names
     * @param target       n finite target values, one per row
     * @return the dataset
     * @throws IllegalArgumentException if a name is blank or repeated, a row has the wrong width, the number of
     *                                  rows and targets differ, there are no rows, or a value is not finite (the
     *                                  message names the row and column)
     */
    public static Dataset of(List<String> featureNames, double[][] features, String targetName, double[] target) {
        Objects.requireNonNull(featureNames, "featureNames");
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one feature column but has none");
        }
        return builder().features(featureNames, features).target(targetName, target).build();
    }

    /**
     * Returns a builder for datasets made from arrays: features as {@code double[][]} or row-major, categorical
     * columns, target, weights and the treatment of NaN.
     *
     * @return a new, empty builder
     */
    public static DatasetBuilder builder() {
        return new DatasetBuilder();
    }

    /**
     * Returns a builder holding a copy of this dataset: its numeric features (with {@link NanPolicy#MISSING}, so
     * missing cells stay missing), categorical columns, target and weights. A preprocessing step replaces what it
     * changes, for example {@code data.toBuilder().features(data.featureNames(), imputed).build()}.
     *
     * @return a new builder that {@code build()}s a dataset equal to this one
     */
    public DatasetBuilder toBuilder() {
        DatasetBuilder builder = new DatasetBuilder()
                .features(table.featureNames, featuresRowMajor())
                .target(table.targetName, target())
                .nanPolicy(NanPolicy.MISSING);
        for (int c = 0; c < table.codes.length; c++) {
            builder.categorical(table.categoricalNames.get(c), table.levels.get(c), categoryCodes(c));
        }
        if (weights != null) {
            builder.weights(weights);
        }
        return builder;
    }

    /**
     * Returns the number of rows, n &ge; 1.
     *
     * @return n
     */
    public int rowCount() {
        return rows;
    }

    /**
     * Returns the number of numeric feature columns, p; p &ge; 1 unless the dataset has categorical columns.
     *
     * @return p
     */
    public int featureCount() {
        return columns;
    }

    /**
     * Returns the numeric feature names in column order.
     *
     * @return an unmodifiable list of p names
     */
    public List<String> featureNames() {
        return table.featureNames;
    }

    /**
     * Returns the name of the target column.
     *
     * @return the target name
     */
    public String targetName() {
        return table.targetName;
    }

    /**
     * Returns the value of numeric feature {@code column} in row {@code row}: finite, or NaN when the cell is missing.
     *
     * @param row    0 &le; row &lt; n
     * @param column 0 &le; column &lt; p
     * @return the value, NaN if missing (see {@link #isMissing(int, int)})
     * @throws IndexOutOfBoundsException if row or column is out of range
     */
    public double feature(int row, int column) {
        Objects.checkIndex(column, columns);
        return table.features[tableRow(row) * columns + column];
    }

    /**
     * Returns whether numeric feature {@code column} is missing in row {@code row}.
     *
     * @param row    0 &le; row &lt; n
     * @param column 0 &le; column &lt; p
     * @return true if the cell is missing
     * @throws IndexOutOfBoundsException if row or column is out of range
     */
    public boolean isMissing(int row, int column) {
        return Double.isNaN(feature(row, column));
    }

    /**
     * Returns a copy of the numeric features of one row; missing cells are NaN.
     *
     * @param row 0 &le; row &lt; n
     * @return a new array of p values
     * @throws IndexOutOfBoundsException if row is out of range
     */
    public double[] row(int row) {
        double[] copy = new double[columns];
        copyRow(row, copy, 0);
        return copy;
    }

    /**
     * Copies the numeric features of one row into {@code destination} at {@code offset}, without allocating; missing
     * cells are copied as NaN, so call {@link #requireComplete()} first unless NaN is welcome.
     *
     * @param row         0 &le; row &lt; n
     * @param destination the array to write p values into
     * @param offset      where the first value goes
     * @throws IndexOutOfBoundsException if row is out of range or the p values do not fit
     */
    public void copyRow(int row, double[] destination, int offset) {
        int r = tableRow(row);
        Objects.checkFromIndexSize(offset, columns, destination.length);
        System.arraycopy(table.features, r * columns, destination, offset, columns);
    }

    /**
     * Copies the numeric features of {@code count} consecutive rows, row-major, into {@code destination} at
     * {@code offset}, without allocating: row {@code from + r}, feature j goes to {@code offset + r * p + j}. One
     * {@code System.arraycopy} when this dataset is not a view, one per row when it is. Missing cells are copied as
     * NaN, as by {@link #copyRow}.
     *
     * @param from        the first row, 0 &le; from &le; n − count
     * @param count       the number of rows, &ge; 0
     * @param destination the array to write count·p values into
     * @param offset      where the first value goes
     * @throws IndexOutOfBoundsException if the rows are out of range or the values do not fit
     */
    public void copyRows(int from, int count, double[] destination, int offset) {
        Objects.checkFromIndexSize(from, count, rows);
        Objects.checkFromIndexSize(offset, Math.multiplyExact(count, columns), destination.length);
        if (index == null) {
            System.arraycopy(table.features, from * columns, destination, offset, count * columns);
            return;
        }
        for (int r = 0; r < count; r++) {
            System.arraycopy(table.features, index[from + r] * columns, destination, offset + r * columns, columns);
        }
    }

    /**
     * Returns the target value of one row.
     *
     * @param row 0 &le; row &lt; n
     * @return the finite target value
     * @throws IndexOutOfBoundsException if row is out of range
     */
    public double target(int row) {
        return table.target[tableRow(row)];
    }

    /**
     * Returns a copy of the target column.
     *
     * @return a new array of n finite values
     */
    public double[] target() {
        if (index == null) {
            return table.target.clone();
        }
        double[] copy = new double[rows];
        for (int i = 0; i < rows; i++) {
            copy[i] = table.target[index[i]];
        }
        return copy;
    }

    /**
     * Returns a copy of all numeric features, row-major: row i, feature j at {@code i * p + j}; missing cells are NaN.
     *
     * @return a new array of n * p values
     */
    public double[] featuresRowMajor() {
        if (index == null) {
            return table.features.clone();
        }
        double[] copy = new double[Math.multiplyExact(rows, columns)];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(table.features, index[i] * columns, copy, i * columns, columns);
        }
        return copy;
    }

    /**
     * Returns the number of categorical columns, q &ge; 0.
     *
     * @return q
     */
    public int categoricalCount() {
        return table.codes.length;
    }

    /**
     * Returns the categorical column names in column order.
     *
     * @return an unmodifiable list of q names, empty if there are none
     */
    public List<String> categoricalNames() {
        return table.categoricalNames;
    }

    /**
     * Returns the levels of categorical column {@code column}: the distinct strings in the order they were first
     * seen. A row view keeps the levels of the dataset it was taken from, so some levels may not occur in it.
     *
     * @param column 0 &le; column &lt; q
     * @return an unmodifiable list of levels; {@link #categoryCode} indexes it
     * @throws IndexOutOfBoundsException if column is out of range
     */
    public List<String> categories(int column) {
        return table.levels.get(Objects.checkIndex(column, table.codes.length));
    }

    /**
     * Returns the code of categorical column {@code column} in row {@code row}: an index into
     * {@link #categories(int)}, or {@link #MISSING_CATEGORY} when the cell is missing.
     *
     * @param row    0 &le; row &lt; n
     * @param column 0 &le; column &lt; q
     * @return the code, &ge; 0, or {@link #MISSING_CATEGORY}
     * @throws IndexOutOfBoundsException if row or column is out of range
     */
    public int categoryCode(int row, int column) {
        Objects.checkIndex(column, table.codes.length);
        return table.codes[column][tableRow(row)];
    }

    /**
     * Returns a copy of the codes of categorical column {@code column}, one per row: indices into
     * {@link #categories(int)}, or {@link #MISSING_CATEGORY}.
     *
     * @param column 0 &le; column &lt; q
     * @return a new array of n codes
     * @throws IndexOutOfBoundsException if column is out of range
     */
    public int[] categoryCodes(int column) {
        int[] codes = table.codes[Objects.checkIndex(column, table.codes.length)];
        if (index == null) {
            return codes.clone();
        }
        int[] copy = new int[rows];
        for (int i = 0; i < rows; i++) {
            copy[i] = codes[index[i]];
        }
        return copy;
    }

    /**
     * Returns the string of categorical column {@code column} in row {@code row}.
     *
     * @param row    0 &le; row &lt; n
     * @param column 0 &le; column &lt; q
     * @return the level, or empty when the cell is missing
     * @throws IndexOutOfBoundsException if row or column is out of range
     */
    public Optional<String> category(int row, int column) {
        int code = categoryCode(row, column);
        return code == MISSING_CATEGORY ? Optional.empty() : Optional.of(table.levels.get(column).get(code));
    }

    /**
     * Returns whether any feature cell, numeric or categorical, is missing.
     *
     * @return true if at least one cell is missing
     */
    public boolean hasMissing() {
        for (int count : missing) {
            if (count > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the number of missing cells of every feature column that has any, numeric columns first, then
     * categorical, each in column order.
     *
     * @return an unmodifiable, ordered map from column name to its count of missing cells (&ge; 1); empty when
     *         complete
     */
    public Map<String, Integer> missingCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int c = 0; c < missing.length; c++) {
            if (missing[c] > 0) {
                counts.put(table.columnName(c), missing[c]);
            }
        }
        return Collections.unmodifiableMap(counts);
    }

    /**
     * Checks that no feature cell is missing; models that cannot take missing values call this at the start of
     * {@code fit} and {@code predict}.
     *
     * @throws IllegalArgumentException if a cell is missing; the message names each such column, its count and its
     *                                  first rows (0-based), for example {@code column 'bmi' has 3 missing values
     *                                  (rows 4, 17, 30); impute them or drop the rows}
     */
    public void requireComplete() {
        if (!hasMissing()) {
            return;
        }
        StringJoiner columnsWithMissing = new StringJoiner(", ", "", "; impute them or drop the rows");
        for (int c = 0; c < missing.length; c++) {
            if (missing[c] == 0) {
                continue;
            }
            StringJoiner shown = new StringJoiner(", ", missing[c] == 1 ? "row " : "rows ", "");
            int found = 0;
            for (int i = 0; i < rows && found < SHOWN_ROWS; i++) {
                if (table.isMissing(tableRow(i), c)) {
                    shown.add(Integer.toString(i));
                    found++;
                }
            }
            columnsWithMissing.add(String.format(Locale.ROOT, "column '%s' has %d missing value%s (%s%s)",
                    table.columnName(c), missing[c], missing[c] == 1 ? "" : "s", shown,
                    missing[c] > SHOWN_ROWS ? ", ..." : ""));
        }
        throw new IllegalArgumentException(columnsWithMissing.toString());
    }

    /**
     * Checks that the dataset has no categorical column; models that understand only numbers call this at the start
     * of {@code fit} and {@code predict}, so that no column is silently ignored.
     *
     * @throws IllegalArgumentException if there is a categorical column; the message names them, for example
     *                                  {@code column 'city' is categorical (12 levels); encode it as numbers (one-hot)
     *                                  or drop it}
     */
    public void requireNumeric() {
        if (table.codes.length == 0) {
            return;
        }
        StringJoiner categorical = new StringJoiner(", ", "", "; encode it as numbers (one-hot) or drop it");
        for (int c = 0; c < table.codes.length; c++) {
            categorical.add(String.format(Locale.ROOT, "column '%s' is categorical (%d levels)",
                    table.categoricalNames.get(c), table.levels.get(c).size()));
        }
        throw new IllegalArgumentException(categorical.toString());
    }

    /**
     * Returns whether the rows carry sample weights.
     *
     * @return true if weighted
     */
    public boolean hasWeights() {
        return weights != null;
    }

    /**
     * Returns the sample weight of one row: its weight if weighted, 1 otherwise.
     *
     * @param row 0 &le; row &lt; n
     * @return the finite weight, &ge; 0
     * @throws IndexOutOfBoundsException if row is out of range
     */
    public double weight(int row) {
        Objects.checkIndex(row, rows);
        return weights == null ? 1.0 : weights[row];
    }

    /**
     * Returns a copy of the sample weights, if the rows carry any.
     *
     * @return n finite weights &ge; 0, or empty when unweighted
     */
    public Optional<double[]> weights() {
        return weights == null ? Optional.empty() : Optional.of(weights.clone());
    }

    /**
     * Returns this dataset with the given sample weights, sharing its storage.
     *
     * @param sampleWeights n finite weights, each &ge; 0, at least one &gt; 0; copied
     * @return the weighted dataset
     * @throws IllegalArgumentException if the length is not n, a weight is negative or not finite, or all are 0
     */
    public Dataset withWeights(double[] sampleWeights) {
        return new Dataset(table, index, DatasetBuilder.validWeights(sampleWeights, rows), missing);
    }

    /**
     * Returns the view of the given rows, in the given order (a row may repeat); it shares this dataset's storage,
     * and its weights, if any, are those of the chosen rows.
     *
     * @param rowIndices indices into this dataset, each 0 &le; index &lt; n, at least one; copied
     * @return a dataset with the same columns and the chosen rows
     * @throws IndexOutOfBoundsException if an index is out of range
     * @throws IllegalArgumentException  if no index is given
     */
    public Dataset rows(int[] rowIndices) {
        Objects.requireNonNull(rowIndices, "rowIndices");
        if (rowIndices.length == 0) {
            throw new IllegalArgumentException("a dataset needs at least one row but no row index was given");
        }
        int[] viewIndex = new int[rowIndices.length];
        double[] viewWeights = weights == null ? null : new double[rowIndices.length];
        for (int k = 0; k < rowIndices.length; k++) {
            int i = rowIndices[k];
            viewIndex[k] = tableRow(i);
            if (viewWeights != null) {
                viewWeights[k] = weights[i];
            }
        }
        int[] viewMissing = hasMissing() ? table.missingCounts(viewIndex) : new int[missing.length];
        return new Dataset(table, viewIndex, viewWeights, viewMissing);
    }

    private int tableRow(int row) {
        Objects.checkIndex(row, rows);
        return index == null ? row : index[row];
    }

    /**
     * Returns a one-line summary: shape, column names, target, and the missing counts when there are any.
     *
     * @return for example {@code Dataset[442 rows x 10 features [age, sex, ...], target progression]} or
     *         {@code Dataset[5 rows x 2 features [a, b], 1 categorical [city], target y, weighted, missing {a=1}]}
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Dataset[%d rows x %d features %s",
                rows, columns, shortList(table.featureNames)));
        if (!table.categoricalNames.isEmpty()) {
            text.append(String.format(Locale.ROOT, ", %d categorical %s", table.categoricalNames.size(),
                    shortList(table.categoricalNames)));
        }
        text.append(", target ").append(table.targetName);
        if (weights != null) {
            text.append(", weighted");
        }
        if (hasMissing()) {
            text.append(", missing ").append(missingCounts());
        }
        return text.append(']').toString();
    }

    private static String shortList(List<String> names) {
        StringJoiner shown = new StringJoiner(", ", "[", "]");
        names.stream().limit(SHOWN_NAMES).forEach(shown::add);
        if (names.size() > SHOWN_NAMES) {
            shown.add("... " + (names.size() - SHOWN_NAMES) + " more");
        }
        return shown.toString();
    }
}
