package io.maas.model;

import java.util.List;
import java.util.Locale;

/** Input checks shared by the models of this package. */
final class Models {

    private Models() {
    }

    static void requireSameFeatures(List<String> expected, List<String> actual) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("the data has features " + actual
                    + " but the model was fitted on " + expected + " (same names, same order)");
        }
    }

    static void requireRow(double[] row, List<String> featureNames) {
        if (row.length != featureNames.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a row has %d values but the model expects %d features %s",
                    row.length, featureNames.size(), featureNames));
        }
        for (int j = 0; j < row.length; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "row value %d ('%s') is %s; features must be finite", j, featureNames.get(j), row[j]));
            }
        }
    }
}
