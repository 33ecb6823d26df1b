package io.maas.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link Dataset} from arrays; every array is copied when given, so later changes by the caller do not
 * reach the dataset. Obtained from {@link Dataset#builder()}; not thread-safe.
 *
 * <p>For example, {@code Dataset.builder().features(List.of("a", "b"), rowMajor).target("y", y).build()} with
 * {@code rowMajor} holding n rows of 2 values each. Each option method checks its argument at once; {@link #build()}
 * checks that the parts agree and leaves the builder reusable.
 */
public final class DatasetBuilder {

    private List<String> featureNames = List.of();
    private double[] features = new double[0];
    private int featureRows = -1; // -1: not known from the features (no features, or p = 0)
    private final List<String> categoricalNames = new ArrayList<>();
    private final List<List<String>> categoricalLevels = new ArrayList<>();
    private final List<int[]> categoricalCodes = new ArrayList<>();
    private String targetName;
    private double[] target;
    private double[] weights;
    private NanPolicy nanPolicy = NanPolicy.REJECT;

    DatasetBuilder() {
    }

    /**
     * Sets the numeric features from one array per row.
     *
     * @param names the p feature names, distinct and not blank
     * @param rows  n rows of p values each; copied
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or repeated, or a row is null or has the wrong width
     */
    public DatasetBuilder features(List<String> names, double[][] rows) {
        List<String> checked = validNames(names);
        Objects.requireNonNull(rows, "features");
        int p = checked.size();
        double[] rowMajor = new double[Math.multiplyExact(rows.length, p)];
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null) {
                throw new IllegalArgumentException("features row " + i + " is null");
            }
            if (row.length != p) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "features row %d has %d values but there are %d feature names", i, row.length, p));
            }
            System.arraycopy(row, 0, rowMajor, i * p, p);
        }
        return setFeatures(checked, rowMajor, rows.length);
    }

    /**
     * Sets the numeric features from one row-major array: row i, feature j at {@code i * p + j}.
     *
     * @param names    the p feature names, distinct and not blank
     * @param rowMajor n * p values; copied
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or repeated, or the length is not a multiple of p
     */
    public DatasetBuilder features(List<String> names, double[] rowMajor) {
        List<String> checked = validNames(names);
        Objects.requireNonNull(rowMajor, "rowMajor");
        int p = checked.size();
        if (p == 0 ? rowMajor.length != 0 : rowMajor.length % p != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "features has %d values, which is not a whole number of rows of %d feature names",
                    rowMajor.length, p));
        }
        return setFeatures(checked, rowMajor.clone(), p == 0 ? -1 : rowMajor.length / p);
    }

    private DatasetBuilder setFeatures(List<String> names, double[] rowMajor, int n) {
        this.featureNames = names;
        this.features = rowMajor;
        this.featureRows = names.isEmpty() ? -1 : n;
        return this;
    }

    /**
     * Adds a categorical column, kept as strings; call once per column, in column order. Its levels are the distinct
     * values in the order first seen.
     *
     * @param name   the column name, not blank
     * @param values one string per row, or null for a missing cell; copied
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or already a categorical column
     */
    public DatasetBuilder categorical(String name, List<String> values) {
        Objects.requireNonNull(values, "values");
        Map<String, Integer> seen = new HashMap<>();
        List<String> levels = new ArrayList<>();
        int[] codes = new int[values.size()];
        for (int i = 0; i < codes.length; i++) {
            String value = values.get(i);
            if (value == null) {
                codes[i] = Dataset.MISSING_CATEGORY;
                continue;
            }
            codes[i] = seen.computeIfAbsent(value, v -> {
                levels.add(v);
                return levels.size() - 1;
            });
        }
        return addCategorical(name, List.copyOf(levels), codes);
    }

    /**
     * Adds a categorical column given as codes into a list of levels, as {@link Dataset#categoryCodes(int)} and
     * {@link Dataset#categories(int)} return them; {@link Dataset#MISSING_CATEGORY} marks a missing cell. Call once
     * per column, in column order.
     *
     * @param name   the column name, not blank
     * @param levels the distinct, non-null levels; copied
     * @param codes  one code per row, each a level's index or {@link Dataset#MISSING_CATEGORY}; copied
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or already a categorical column, a level repeats, or a
     *                                  code is out of range
     */
    public DatasetBuilder categorical(String name, List<String> levels, int[] codes) {
        List<String> copy = List.copyOf(levels); // rejects null levels
        if (new HashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException("the levels of categorical column '" + name + "' repeat: " + copy);
        }
        int[] ownCodes = codes.clone();
        for (int i = 0; i < ownCodes.length; i++) {
            if (ownCodes[i] < Dataset.MISSING_CATEGORY || ownCodes[i] >= copy.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "categorical column '%s', row %d: code %d is not a level index in [0, %d) or %d (missing)",
                        name, i, ownCodes[i], copy.size(), Dataset.MISSING_CATEGORY));
            }
        }
        return addCategorical(name, copy, ownCodes);
    }

    private DatasetBuilder addCategorical(String name, List<String> levels, int[] codes) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a categorical column name must not be blank");
        }
        if (categoricalNames.contains(name)) {
            throw new IllegalArgumentException("categorical column '" + name + "' was already added");
        }
        categoricalNames.add(name);
        categoricalLevels.add(levels);
        categoricalCodes.add(codes);
        return this;
    }

    /**
     * Removes the categorical columns added so far, for example after encoding them as numeric features.
     *
     * @return this builder
     */
    public DatasetBuilder clearCategorical() {
        categoricalNames.clear();
        categoricalLevels.clear();
        categoricalCodes.clear();
        return this;
    }

    /**
     * Sets the target.
     *
     * @param name   the target name, not blank
     * @param values n finite values, one per row; copied
     * @return this builder
     * @throws IllegalArgumentException if the name is blank
     */
    public DatasetBuilder target(String name, double[] values) {
        Objects.requireNonNull(name, "targetName");
        Objects.requireNonNull(values, "target");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the target name must not be blank");
        }
        this.targetName = name;
        this.target = values.clone();
        return this;
    }

    /**
     * Sets sample weights.
     *
     * @param values n finite weights, each &ge; 0, at least one &gt; 0; copied
     * @return this builder
     * @throws IllegalArgumentException if a weight is negative or not finite, or all are 0
     */
    public DatasetBuilder weights(double[] values) {
        Objects.requireNonNull(values, "weights");
        this.weights = validWeights(values, values.length);
        return this;
    }

    /**
     * Sets what a NaN in the numeric features means; {@link NanPolicy#REJECT} unless set.
     *
     * @param policy the policy
     * @return this builder
     */
    public DatasetBuilder nanPolicy(NanPolicy policy) {
        this.nanPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Returns the dataset built from the parts given so far; the builder stays usable.
     *
     * @return the dataset
     * @throws IllegalStateException    if no target was set
     * @throws IllegalArgumentException if there are no feature columns or no rows, a name is used twice, the parts
     *                                  have different numbers of rows, or a value breaks the rules (the message
     *                                  names the row and column)
     */
    public Dataset build() {
        if (target == null) {
            throw new IllegalStateException("a dataset needs a target; call target(name, values) before build()");
        }
        if (featureNames.isEmpty() && categoricalNames.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one feature column but has none");
        }
        checkDistinct();
        int n = target.length;
        if (featureRows >= 0 && featureRows != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "features has %d rows but target has %d values", featureRows, n));
        }
        for (int c = 0; c < categoricalNames.size(); c++) {
            if (categoricalCodes.get(c).length != n) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "categorical column '%s' has %d values but target has %d",
                        categoricalNames.get(c), categoricalCodes.get(c).length, n));
            }
        }
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "weights has %d values but target has %d", weights.length, n));
        }
        if (n == 0) {
            throw new IllegalArgumentException("a dataset needs at least one row but has none");
        }
        checkValues(n);
        int[][] codes = categoricalCodes.toArray(new int[0][]); // the builder never writes into them again
        double[] rowMajor = featureNames.isEmpty() ? new double[0] : features;
        Table table = new Table(featureNames, targetName, rowMajor, target.clone(), categoricalNames, codes,
                categoricalLevels);
        return new Dataset(table, null, weights == null ? null : weights.clone(), table.missingCounts(null));
    }

    private void checkDistinct() {
        Set<String> seen = new HashSet<>(featureNames);
        for (String name : categoricalNames) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("'" + name + "' is both a numeric and a categorical column");
            }
        }
        if (seen.contains(targetName)) {
            throw new IllegalArgumentException("'" + targetName + "' is both a feature and the target");
        }
    }

    private void checkValues(int n) {
        int p = featureNames.size();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double v = features[i * p + j];
                if (!Double.isFinite(v) && !(Double.isNaN(v) && nanPolicy == NanPolicy.MISSING)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "row %d, column '%s': %s is not a finite number", i, featureNames.get(j), v));
                }
            }
            if (!Double.isFinite(target[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "row %d, target '%s': %s is not a finite number", i, targetName, target[i]));
            }
        }
    }

    private static List<String> validNames(List<String> names) {
        Objects.requireNonNull(names, "featureNames");
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            Objects.requireNonNull(name, "feature name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("feature names must not be blank: " + names);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("feature name '" + name + "' appears more than once");
            }
        }
        return List.copyOf(names);
    }

    /** Returns a copy of {@code weights} after checking it holds n finite values &ge; 0, not all 0. */
    static double[] validWeights(double[] weights, int n) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "weights has %d values but the dataset has %d rows", weights.length, n));
        }
        boolean anyPositive = false;
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (!(Double.isFinite(w) && w >= 0.0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "weight of row %d is %s but weights must be finite and >= 0", i, w));
            }
            anyPositive |= w > 0.0;
        }
        if (n > 0 && !anyPositive) {
            throw new IllegalArgumentException("all " + n + " weights are 0; at least one must be > 0");
        }
        return weights.clone();
    }
}
