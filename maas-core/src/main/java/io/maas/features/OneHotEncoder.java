package io.maas.features;

import io.maas.data.Dataset;
import io.maas.pipeline.CategoricalStage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fitted one-hot encoder (see {@link OneHot}): the numeric columns, then for each categorical column one 0/1 column
 * per training level. Immutable and thread-safe; encoding a row allocates nothing.
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
     * Returns the training levels of each categorical column, sorted.
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
