package io.maas.features;

import io.maas.data.Dataset;
import io.maas.pipeline.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One-hot encoding of every categorical column: a 0/1 column per level seen in the training rows, named
 * {@code column=level}, levels in sorted (String) order as scikit-learn's {@code OneHotEncoder}; numeric columns pass
 * through first, unchanged. A level not seen in training, or a missing category, is an error at predict by default;
 * {@link #ignoreUnknown()} encodes it as all zeros instead (scikit-learn's {@code handle_unknown="ignore"}). Immutable.
 */
public final class OneHot implements Stage {

    private final boolean ignoreUnknown;

    private OneHot(boolean ignoreUnknown) {
        this.ignoreUnknown = ignoreUnknown;
    }

    /**
     * Returns one-hot encoding that rejects unknown or missing categories.
     *
     * @return the unfitted stage
     */
    public static OneHot encode() {
        return new OneHot(false);
    }

    /**
     * Returns the same encoding, but an unknown or missing category becomes all zeros.
     *
     * @return a new unfitted stage
     */
    public OneHot ignoreUnknown() {
        return new OneHot(true);
    }

    /**
     * Learns the levels of each categorical column from the training rows.
     *
     * @param training the rows this stage sees
     * @return the fitted encoder
     * @throws IllegalArgumentException if there is no categorical column, a column has no level in the training
     *                                  rows, or (unless unknown categories are ignored) a training cell is missing
     */
    @Override
    public OneHotEncoder fit(Dataset training) {
        if (training.categoricalCount() == 0) {
            throw new IllegalArgumentException("OneHot.encode() found no categorical column in " + training);
        }
        List<List<String>> levels = new ArrayList<>();
        for (int c = 0; c < training.categoricalCount(); c++) {
            TreeSet<String> seen = new TreeSet<>();
            int missing = 0;
            for (int i = 0; i < training.rowCount(); i++) {
                String level = training.category(i, c).orElse(null);
                if (level == null) {
                    missing++;
                } else {
                    seen.add(level);
                }
            }
            String name = training.categoricalNames().get(c);
            if (missing > 0 && !ignoreUnknown) {
                throw new IllegalArgumentException("categorical column '" + name + "' has " + missing
                        + " missing values; impute them, or use OneHot.encode().ignoreUnknown() to encode them as zeros");
            }
            if (seen.isEmpty()) {
                throw new IllegalArgumentException("categorical column '" + name + "' has no value in the training rows");
            }
            levels.add(List.copyOf(seen));
        }
        return new OneHotEncoder(training.featureNames(), training.categoricalNames(), levels, ignoreUnknown);
    }

    /**
     * Returns the options.
     *
     * @return for example {@code OneHot.encode()}
     */
    @Override
    public String toString() {
        return "OneHot.encode()" + (ignoreUnknown ? ".ignoreUnknown()" : "");
    }
}
