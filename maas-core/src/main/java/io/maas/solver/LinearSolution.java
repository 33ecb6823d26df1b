package io.maas.solver;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The fitted parameters of a linear model y = intercept + Σ coefficients[j] · x_j, with the names of the features
 * they multiply and the diagnostics of the fit. An immutable value: arrays are copied in and out.
 *
 * @param featureNames the p feature names, in coefficient order
 * @param intercept    the constant term; exactly 0 when no intercept was fitted
 * @param coefficients p finite coefficients, one per feature
 * @param diagnostics  what happened during the fit
 */
public record LinearSolution(List<String> featureNames, double intercept, double[] coefficients,
                             FitDiagnostics diagnostics) {

    /**
     * Copies and checks the parameters.
     *
     * @param featureNames the feature names
     * @param intercept    the constant term
     * @param coefficients the coefficients
     * @param diagnostics  the fit diagnostics
     * @throws IllegalArgumentException if the sizes differ or a parameter is not finite
     */
    public LinearSolution {
        featureNames = List.copyOf(featureNames);
        coefficients = coefficients.clone();
        Objects.requireNonNull(diagnostics, "diagnostics");
        if (coefficients.length != featureNames.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d coefficients for %d feature names", coefficients.length, featureNames.size()));
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept must be finite but was " + intercept);
        }
        for (int j = 0; j < coefficients.length; j++) {
            if (!Double.isFinite(coefficients[j])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "coefficient of '%s' must be finite but was %s", featureNames.get(j), coefficients[j]));
            }
        }
    }

    /**
     * Returns a copy of the coefficients, in the order of {@link #featureNames()}.
     *
     * @return a new array of p values
     */
    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * Returns the coefficient of the named feature.
     *
     * @param featureName one of {@link #featureNames()}
     * @return its coefficient
     * @throws IllegalArgumentException if no feature has that name
     */
    public double coefficient(String featureName) {
        int j = featureNames.indexOf(featureName);
        if (j < 0) {
            throw new IllegalArgumentException("no feature is named '" + featureName + "'; the features are "
                    + featureNames);
        }
        return coefficients[j];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LinearSolution that
                && featureNames.equals(that.featureNames)
                && Double.compare(intercept, that.intercept) == 0
                && java.util.Arrays.equals(coefficients, that.coefficients)
                && diagnostics.equals(that.diagnostics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureNames, intercept, java.util.Arrays.hashCode(coefficients), diagnostics);
    }

    /**
     * Returns the intercept and each coefficient by name on one line.
     *
     * @return for example {@code LinearSolution[intercept=-305.8, age=-0.0136, ...]}
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LinearSolution[intercept=").append(intercept);
        for (int j = 0; j < coefficients.length; j++) {
            text.append(", ").append(featureNames.get(j)).append('=').append(coefficients[j]);
        }
        return text.append(']').toString();
    }
}
