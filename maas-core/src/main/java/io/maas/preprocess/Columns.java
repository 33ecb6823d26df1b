package io.maas.preprocess;

import io.maas.data.Dataset;
import io.maas.pipeline.FittedStage;
import io.maas.pipeline.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Factories of stages that keep or drop columns by name. */
public final class Columns {

    private Columns() {
    }

    /**
     * Returns a stage that keeps only the named columns, in the order given.
     *
     * @param names the columns to keep, at least one, distinct
     * @return the unfitted stage; fitting fails if a name is not a column of the training data
     * @throws IllegalArgumentException if no name is given or a name repeats
     */
    public static Stage select(String... names) {
        List<String> keep = distinct(names);
        return new Stage() {
            @Override
            public FittedStage fit(Dataset training) {
                for (String name : keep) {
                    requireColumn(training, name);
                }
                return new ColumnSelection(training.featureNames(), keep);
            }

            @Override
            public String toString() {
                return "Columns.select" + keep;
            }
        };
    }

    /**
     * Returns a stage that drops the named columns and keeps the others in order.
     *
     * @param names the columns to drop, at least one, distinct
     * @return the unfitted stage; fitting fails if a name is not a column, or if no column would remain
     * @throws IllegalArgumentException if no name is given or a name repeats
     */
    public static Stage drop(String... names) {
        List<String> dropped = distinct(names);
        return new Stage() {
            @Override
            public FittedStage fit(Dataset training) {
                List<String> keep = new ArrayList<>(training.featureNames());
                for (String name : dropped) {
                    requireColumn(training, name);
                    keep.remove(name);
                }
                if (keep.isEmpty()) {
                    throw new IllegalArgumentException("dropping " + dropped + " leaves no feature column");
                }
                return new ColumnSelection(training.featureNames(), keep);
            }

            @Override
            public String toString() {
                return "Columns.drop" + dropped;
            }
        };
    }

    private static List<String> distinct(String... names) {
        Objects.requireNonNull(names, "names");
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one column");
        }
        Set<String> set = new LinkedHashSet<>();
        for (String name : names) {
            if (!set.add(Objects.requireNonNull(name, "column name"))) {
                throw new IllegalArgumentException("column '" + name + "' is named twice");
            }
        }
        return List.copyOf(set);
    }

    private static void requireColumn(Dataset data, String name) {
        if (!data.featureNames().contains(name)) {
            throw new IllegalArgumentException("no feature column is named '" + name + "'; the features are "
                    + data.featureNames());
        }
    }
}
