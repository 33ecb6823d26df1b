package io.maas.features;

import io.maas.data.Dataset;
import io.maas.pipeline.CategoricalStage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A fitted one-hot encoder (see {@link OneHot}): the numeric columns, then for each categorical column one 0/1 column
 * per training level, named {@code column=level}. Immutable and thread-safe; encoding a row allocates nothing.
 */
public final class OneHotEncoder implements CategoricalStage {

    private final List<String> numeric;
    private final List<String> categorical;
    private final List<List<String>> levels;
    private final List<Map<String, Integer>> index;
    private final int[] offset;
    private final List<String> outputs;
    private final boolean ignoreUnknown;

    OneHotEncoder(List<String> numeric, List<String> categorical, List<List<String>> levels, boolean ignoreUnknown) {
        this.numeric = List.copyOf(numeric);
        this.categorical = List.copyOf(categorical);
        this.levels = List.copyOf(levels.stream().map(List::copyOf).toList());
        this.ignoreUnknown = ignoreUnknown;
        List<String> names = new ArrayList<>(numeric);
        List<Map<String, Integer>> maps = new ArrayList<>();
        this.offset = new int[categorical.size()];
        for (int c = 0; c < categorical.size(); c++) {
            offset[c] = names.size();
            Map<String, Integer> map = new HashMap<>();
            for (String level : levels.get(c)) {
                map.put(level, map.size());
                names.add(categorical.get(c) + "=" + level);
            }
            maps.add(Map.copyOf(map));
        }
        this.index = List.copyOf(maps);
        this.outputs = List.copyOf(names);
    }

    /**
     * Rebuilds a fitted one-hot encoder from its parameters, as a model file stores them: it writes the numeric
     * columns first, unchanged, then for each categorical column one 0/1 column per level, named {@code column=level},
     * in the order given; an unknown or missing category is an error (see {@link #ignoreUnknown()}).
     *
     * <p>For example, {@code OneHotEncoder.of(List.of("x"), List.of("city"), List.of(List.of("Oslo", "Rome")))}
     * writes the columns {@code x}, {@code city=Oslo} and {@code city=Rome}.
     *
     * @param numeric     the names of the numeric columns read and passed through, distinct and not blank; may be
     *                    empty
     * @param categorical the names of the categorical columns read, at least one, distinct, not blank and none of
     *                    {@code numeric}
     * @param levels      for each categorical column, its levels in the order of their output columns: at least one,
     *                    distinct
     * @return the encoder; the lists are copied
     * @throws IllegalArgumentException if a name is blank or repeats, there is no categorical column, the level lists
     *                                  are not one per categorical column, a list is empty or repeats a level, or
     *                                  two output columns would have the same name (the message names it)
     */
    public static OneHotEncoder of(List<String> numeric, List<String> categorical, List<List<String>> levels) {
        Objects.requireNonNull(numeric, "numeric");
        Objects.requireNonNull(categorical, "categorical");
        Objects.requireNonNull(levels, "levels");
        Set<String> names = new HashSet<>();
        for (String name : numeric) {
            if (Objects.requireNonNull(name, "numeric name").isBlank() || !names.add(name)) {
                throw new IllegalArgumentException("numeric column '" + name + "' is blank or named twice");
            }
        }
        if (categorical.isEmpty()) {
            throw new IllegalArgumentException("a one-hot encoder reads at least one categorical column");
        }
        for (String name : categorical) {
            if (Objects.requireNonNull(name, "categorical name").isBlank() || !names.add(name)) {
                throw new IllegalArgumentException("categorical column '" + name
                        + "' is blank or named twice (among the numeric and categorical columns)");
            }
        }
        if (levels.size() != categorical.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d level lists but %d categorical columns", levels.size(), categorical.size()));
        }
        for (int c = 0; c < levels.size(); c++) {
            List<String> columnLevels = List.copyOf(levels.get(c)); // rejects null levels
            if (columnLevels.isEmpty()) {
                throw new IllegalArgumentException("categorical column '" + categorical.get(c) + "' has no level");
            }
            Set<String> seen = new HashSet<>();
            for (String level : columnLevels) {
                if (!seen.add(level)) {
                    throw new IllegalArgumentException("categorical column '" + categorical.get(c)
                            + "' lists the level '" + level + "' twice");
                }
            }
        }
        OneHotEncoder encoder = new OneHotEncoder(numeric, categorical, levels, false);
        Set<String> outputs = new HashSet<>();
        for (String output : encoder.outputs) {
            if (!outputs.add(output)) {
                throw new IllegalArgumentException("two output columns would be named '" + output
                        + "' (a numeric column, or a categorical column and level joined by '=')");
            }
        }
        return encoder;
    }

    /**
     * Returns the same encoder, except that an unknown or missing category becomes all zeros instead of an error, as
     * {@link OneHot#ignoreUnknown()} fits it.
     *
     * @return a new encoder, or this one if it already ignores them
     */
    public OneHotEncoder ignoreUnknown() {
        return ignoreUnknown ? this : new OneHotEncoder(numeric, categorical, levels, true);
    }

    /**
     * Returns the levels of each categorical column, in the order of their output columns: sorted when fitted by
     * {@link OneHot}.
     *
     * @return an unmodifiable list of lists, in the order of {@link #categoricalInputNames()}
     */
    public List<List<String>> levels() {
        return levels;
    }

    /**
     * Returns whether unknown or missing categories are encoded as zeros instead of rejected.
     *
     * @return true if ignored
     */
    public boolean ignoresUnknown() {
        return ignoreUnknown;
    }

    @Override
    public List<String> inputNames() {
        return numeric;
    }

    @Override
    public List<String> categoricalInputNames() {
        return categorical;
    }

    @Override
    public List<String> outputNames() {
        return outputs;
    }

    @Override
    public void transform(double[] numericValues, String[] categories, double[] output) {
        System.arraycopy(numericValues, 0, output, 0, numeric.size());
        for (int c = 0; c < categorical.size(); c++) {
            int base = offset[c];
            int width = levels.get(c).size();
            java.util.Arrays.fill(output, base, base + width, 0.0);
            String value = categories[c];
            Integer level = value == null ? null : index.get(c).get(value);
            if (level != null) {
                output[base + level] = 1.0;
            } else if (!ignoreUnknown) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "categorical column '%s': %s was not seen in training (levels %s)", categorical.get(c),
                        value == null ? "a missing value" : "'" + value + "'", levels.get(c)));
            }
        }
    }

    /**
     * Encodes every row; the result has only numeric columns.
     *
     * @param data rows with this encoder's numeric and categorical columns
     * @return a new dataset with the columns {@link #outputNames()}, the same target and weights
     * @throws IllegalArgumentException if the columns differ or a category cannot be encoded
     */
    @Override
    public Dataset transform(Dataset data) {
        if (!data.featureNames().equals(numeric) || !data.categoricalNames().equals(categorical)) {
            throw new IllegalArgumentException("the encoder reads " + numeric + " and " + categorical
                    + " but the data has " + data.featureNames() + " and " + data.categoricalNames());
        }
        int width = outputs.size();
        double[] in = new double[numeric.size()];
        String[] categories = new String[categorical.size()];
        double[] out = new double[Math.multiplyExact(data.rowCount(), width)];
        double[] row = new double[width];
        for (int i = 0; i < data.rowCount(); i++) {
            data.copyRow(i, in, 0);
            for (int c = 0; c < categories.length; c++) {
                categories[c] = data.category(i, c).orElse(null);
            }
            transform(in, categories, row);
            System.arraycopy(row, 0, out, i * width, width);
        }
        io.maas.data.DatasetBuilder builder = Dataset.builder().features(outputs, out)
                .nanPolicy(io.maas.data.NanPolicy.MISSING).target(data.targetName(), data.target());
        data.weights().ifPresent(builder::weights);
        return builder.build();
    }

    @Override
    public String toString() {
        return "OneHotEncoder" + categorical;
    }
}
