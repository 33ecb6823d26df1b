package io.maas.data;

import java.util.List;

/**
 * The immutable storage that a {@link Dataset} and all the row views taken from it share; never handed out.
 *
 * <p>Numeric features are one row-major array (row r, feature j at {@code r * p + j}) in which NaN marks a missing
 * cell and every other value is finite. Each categorical column is an array of codes, one per row, indexing its
 * list of levels, with {@link Dataset#MISSING_CATEGORY} for a missing cell. The target is finite everywhere.
 * Whoever builds a table has validated all of this and hands over arrays nobody else holds.
 */
final class Table {

    final List<String> featureNames;
    final String targetName;
    final double[] features;
    final double[] target;
    final List<String> categoricalNames;
    final int[][] codes;
    final List<List<String>> levels;
    final int rows;
    final int columns;

    Table(List<String> featureNames, String targetName, double[] features, double[] target,
            List<String> categoricalNames, int[][] codes, List<List<String>> levels) {
        this.featureNames = List.copyOf(featureNames);
        this.targetName = targetName;
        this.features = features;
        this.target = target;
        this.categoricalNames = List.copyOf(categoricalNames);
        this.codes = codes;
        this.levels = List.copyOf(levels);
        this.rows = target.length;
        this.columns = featureNames.size();
        assert features.length == (long) rows * columns;
        assert codes.length == categoricalNames.size() && codes.length == levels.size();
    }

    /**
     * Counts the missing cells of each numeric feature, then of each categorical column, over the given table rows.
     *
     * @param index the table rows to count over, or null for all of them
     */
    int[] missingCounts(int[] index) {
        int n = index == null ? rows : index.length;
        int[] counts = new int[columns + codes.length];
        for (int k = 0; k < n; k++) {
            int r = index == null ? k : index[k];
            int base = r * columns;
            for (int j = 0; j < columns; j++) {
                if (Double.isNaN(features[base + j])) {
                    counts[j]++;
                }
            }
            for (int c = 0; c < codes.length; c++) {
                if (codes[c][r] == Dataset.MISSING_CATEGORY) {
                    counts[columns + c]++;
                }
            }
        }
        return counts;
    }

    /** Returns the name of feature column c: numeric features first, then categorical columns. */
    String columnName(int c) {
        return c < columns ? featureNames.get(c) : categoricalNames.get(c - columns);
    }

    /** Returns whether the cell of feature column c (numbered as in {@link #columnName}) at table row r is missing. */
    boolean isMissing(int r, int c) {
        return c < columns
                ? Double.isNaN(features[r * columns + c])
                : codes[c - columns][r] == Dataset.MISSING_CATEGORY;
    }
}
