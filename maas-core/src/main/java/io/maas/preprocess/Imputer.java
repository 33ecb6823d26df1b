package io.maas.preprocess;

import io.maas.pipeline.FittedStage;
import java.util.List;
import java.util.Locale;

/**
 * A fitted imputer: a missing value (NaN) in column j becomes {@code fillValues()[j]}; present values pass unchanged.
 * Immutable and thread-safe. Made by the factories of {@link Impute}.
 */
public final class Imputer implements FittedStage {

    private final List<String> names;
    private final double[] fill;

    Imputer(List<String> names, double[] fill) {
        this.names = List.copyOf(names);
        this.fill = fill.clone();
        for (int j = 0; j < fill.length; j++) {
            if (!Double.isFinite(fill[j])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "fill value of column '%s' must be finite but was %s", names.get(j), fill[j]));
            }
        }
    }

    /**
     * Returns an imputer rebuilt from its learned parameters, as a model file stores them.
     *
     * @param columns    the column names, read and written, distinct
     * @param fillValues one finite fill value per column
     * @return the fitted imputer
     * @throws IllegalArgumentException if the sizes differ, a name repeats or a value is not finite
     */
    public static Imputer of(List<String> columns, double[] fillValues) {
        if (columns.size() != fillValues.length || new java.util.HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "an imputer needs one fill value per distinct column but has %d values for %s",
                    fillValues.length, columns));
        }
        return new Imputer(columns, fillValues);
    }

    /**
     * Returns the value that replaces a missing value, per column.
     *
     * @return a new array of finite values
     */
    public double[] fillValues() {
        return fill.clone();
    }

    @Override
    public List<String> inputNames() {
        return names;
    }

    @Override
    public List<String> outputNames() {
        return names;
    }

    @Override
    public void transform(double[] input, double[] output) {
        for (int j = 0; j < fill.length; j++) {
            double v = input[j];
            output[j] = Double.isNaN(v) ? fill[j] : v;
        }
    }

    @Override
    public boolean acceptsMissing() {
        return true;
    }

    @Override
    public String toString() {
        return "Imputer" + names;
    }
}
