package io.maas.preprocess;

import io.maas.pipeline.FittedStage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A fitted column selection: output column k is the input column of the same name, so columns are kept, dropped or
 * reordered by name. Immutable and thread-safe. Made by {@link Columns#select} and {@link Columns#drop}, or rebuilt
 * from its names by {@link #of}.
 */
public final class ColumnSelection implements FittedStage {

    private final List<String> inputs;
    private final List<String> outputs;
    private final int[] index;

    ColumnSelection(List<String> inputs, List<String> outputs) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        // A map rather than indexOf per output: linear in the columns, even for 100,000 of them.
        Map<String, Integer> position = new HashMap<>();
        for (int j = inputs.size() - 1; j >= 0; j--) {
            position.put(inputs.get(j), j);
        }
        this.index = outputs.stream().mapToInt(position::get).toArray();
    }

    /**
     * Rebuilds a fitted selection from the columns it reads and the columns it keeps, as a model file stores them.
     *
     * @param inputs  the columns the stage reads, in order: at least one, distinct
     * @param outputs the columns it writes, in order: at least one, distinct, each one of {@code inputs}
     * @return the fitted selection
     * @throws IllegalArgumentException if a list is empty, a name repeats, or an output is not an input
     */
    public static ColumnSelection of(List<String> inputs, List<String> outputs) {
        requireDistinct(inputs, "inputs");
        requireDistinct(outputs, "outputs");
        Set<String> available = new HashSet<>(inputs);
        for (String name : outputs) {
            if (!available.contains(name)) {
                throw new IllegalArgumentException("output column '" + name + "' is not one of the inputs");
            }
        }
        return new ColumnSelection(inputs, outputs);
    }

    private static void requireDistinct(List<String> names, String what) {
        Objects.requireNonNull(names, what);
        if (names.isEmpty()) {
            throw new IllegalArgumentException(what + " must name at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(Objects.requireNonNull(name, "column name"))) {
                throw new IllegalArgumentException(what + " name column '" + name + "' twice");
            }
        }
    }

    @Override
    public List<String> inputNames() {
        return inputs;
    }

    @Override
    public List<String> outputNames() {
        return outputs;
    }

    @Override
    public void transform(double[] input, double[] output) {
        for (int k = 0; k < index.length; k++) {
            output[k] = input[index[k]];
        }
    }

    /**
     * Returns the kept columns.
     *
     * @return for example {@code Columns[bmi, bp]}
     */
    @Override
    public String toString() {
        return "Columns" + outputs;
    }
}
