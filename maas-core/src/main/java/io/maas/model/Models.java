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

    /**
     * b + Σ c_j·x_j for a row of the model's width, summed in feature order from the intercept. The order is part of
     * the model format's promise (a saved model predicts the same bits in every later version), so it stays one
     * running sum even though independent partial sums would overlap their additions.
     *
     * <p>The row is checked for finite values only when the result is not finite: a NaN or infinity in the row
     * always makes the sum NaN or infinite, so a valid row is read once.
     *
     * @throws IllegalArgumentException if the row has the wrong width or a non-finite value (naming it)
     */
    static double linearCombination(double intercept, double[] coefficients, double[] row,
                                    List<String> featureNames) {
        if (row.length != coefficients.length) {
            requireRow(row, featureNames);
        }
        double sum = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            sum += coefficients[j] * row[j];
        }
        if (!Double.isFinite(sum)) {
            requireRow(row, featureNames);
        }
        return sum;
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
