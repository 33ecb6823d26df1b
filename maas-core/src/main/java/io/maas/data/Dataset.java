package io.maas.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable table of n rows: p named numeric features and one named numeric target per row.
 *
 * <p>Features are stored contiguously, row-major (row i, feature j at {@code i * p + j}); every value is finite.
 * Arrays passed in are copied and arrays handed out are copies, so a dataset never aliases its caller's memory and
 * is safe to share between threads.
 */
public final class Dataset {

    private final List<String> featureNames;
    private final String targetName;
    private final double[] features;
    private final double[] target;
    private final int rows;
    private final int columns;

    private Dataset(List<String> featureNames, String targetName, double[] features, double[] target) {
        this.featureNames = featureNames;
        this.targetName = targetName;
        this.features = features;
        this.target = target;
        this.rows = target.length;
        this.columns = featureNames.size();
    }

    /**
     * Returns a dataset holding a copy of the given rows and target.
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
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        List<String> names = validNames(featureNames, targetName);
        int p = names.size();
        if (features.length != target.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "features has %d rows but target has %d values", features.length, target.length));
        }
        double[] rowMajor = new double[Math.multiplyExact(features.length, p)];
        for (int i = 0; i < features.length; i++) {
            double[] row = features[i];
            if (row == null) {
                throw new IllegalArgumentException("features row " + i + " is null");
            }
            if (row.length != p) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "features row %d has %d values but there are %d feature names", i, row.length, p));
            }
            System.arraycopy(row, 0, rowMajor, i * p, p);
        }
        return validated(names, targetName, rowMajor, target.clone());
    }

    /** Builds a dataset from arrays this package owns; validates names, shape and values. */
    static Dataset ofOwned(List<String> featureNames, String targetName, double[] rowMajor, double[] target) {
        return validated(validNames(featureNames, targetName), targetName, rowMajor, target);
    }

    private static Dataset validated(List<String> names, String targetName, double[] rowMajor, double[] target) {
        int p = names.size();
        if (target.length == 0) {
            throw new IllegalArgumentException("a dataset needs at least one row but has none");
        }
        for (int i = 0; i < target.length; i++) {
            for (int j = 0; j < p; j++) {
                double v = rowMajor[i * p + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "row %d, column '%s': %s is not a finite number", i, names.get(j), v));
                }
            }
            if (!Double.isFinite(target[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "row %d, target '%s': %s is not a finite number", i, targetName, target[i]));
            }
        }
        return new Dataset(names, targetName, rowMajor, target);
    }

    private static List<String> validNames(List<String> featureNames, String targetName) {
        Objects.requireNonNull(featureNames, "featureNames");
        Objects.requireNonNull(targetName, "targetName");
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one feature column but has none");
        }
        Set<String> seen = new HashSet<>();
        for (String name : featureNames) {
            Objects.requireNonNull(name, "feature name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("feature names must not be blank: " + featureNames);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("feature name '" + name + "' appears more than once");
            }
        }
        if (targetName.isBlank()) {
            throw new IllegalArgumentException("the target name must not be blank");
        }
        if (seen.contains(targetName)) {
            throw new IllegalArgumentException("'" + targetName + "' is both a feature and the target");
        }
        return List.copyOf(featureNames);
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
     * Returns the number of feature columns, p &ge; 1.
     *
     * @return p
     */
    public int featureCount() {
        return columns;
    }

    /**
     * Returns the feature names in column order.
     *
     * @return an unmodifiable list of p names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Returns the name of the target column.
     *
     * @return the target name
     */
    public String targetName() {
        return targetName;
    }

    /**
     * Returns the value of feature {@code column} in row {@code row}.
     *
     * @param row    0 &le; row &lt; n
     * @param column 0 &le; column &lt; p
     * @return the finite value
     * @throws IndexOutOfBoundsException if row or column is out of range
     */
    public double feature(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        return features[row * columns + column];
    }

    /**
     * Returns a copy of the features of one row.
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
     * Copies the features of one row into {@code destination} at {@code offset}, without allocating.
     *
     * @param row         0 &le; row &lt; n
     * @param destination the array to write p values into
     * @param offset      where the first value goes
     * @throws IndexOutOfBoundsException if row is out of range or the p values do not fit
     */
    public void copyRow(int row, double[] destination, int offset) {
        Objects.checkIndex(row, rows);
        Objects.checkFromIndexSize(offset, columns, destination.length);
        System.arraycopy(features, row * columns, destination, offset, columns);
    }

    /**
     * Returns the target value of one row.
     *
     * @param row 0 &le; row &lt; n
     * @return the finite target value
     * @throws IndexOutOfBoundsException if row is out of range
     */
    public double target(int row) {
        return target[Objects.checkIndex(row, rows)];
    }

    /**
     * Returns a copy of the target column.
     *
     * @return a new array of n values
     */
    public double[] target() {
        return target.clone();
    }

    /**
     * Returns a copy of all features, row-major: row i, feature j at {@code i * p + j}.
     *
     * @return a new array of n * p values
     */
    public double[] featuresRowMajor() {
        return features.clone();
    }

    /**
     * Returns the dataset made of the given rows, in the given order (a row may repeat).
     *
     * @param rowIndices indices into this dataset, each 0 &le; index &lt; n, at least one
     * @return a new dataset with the same columns
     * @throws IndexOutOfBoundsException if an index is out of range
     * @throws IllegalArgumentException  if no index is given
     */
    public Dataset rows(int[] rowIndices) {
        Objects.requireNonNull(rowIndices, "rowIndices");
        if (rowIndices.length == 0) {
            throw new IllegalArgumentException("a dataset needs at least one row but no row index was given");
        }
        double[] subsetFeatures = new double[Math.multiplyExact(rowIndices.length, columns)];
        double[] subsetTarget = new double[rowIndices.length];
        for (int k = 0; k < rowIndices.length; k++) {
            int i = Objects.checkIndex(rowIndices[k], rows);
            System.arraycopy(features, i * columns, subsetFeatures, k * columns, columns);
            subsetTarget[k] = target[i];
        }
        return new Dataset(featureNames, targetName, subsetFeatures, subsetTarget);
    }

    /**
     * Returns a one-line summary: shape, feature names and target name.
     *
     * @return for example {@code Dataset[442 rows x 10 features [age, sex, ...], target progression]}
     */
    @Override
    public String toString() {
        List<String> shown = featureNames.size() <= 12 ? featureNames : new ArrayList<>(featureNames.subList(0, 12));
        String more = featureNames.size() <= 12 ? "" : ", ... " + (featureNames.size() - 12) + " more";
        return String.format(Locale.ROOT, "Dataset[%d rows x %d features %s%s, target %s]",
                rows, columns, shown, more, targetName);
    }
}
