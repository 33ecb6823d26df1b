package io.maas.solver;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The fitted parameters of a linear model y = intercept + Σ coefficients[j] · x_j, with the names of the features
 * they multiply, the diagnostics of the fit and, for full-rank unpenalised least squares with residual degrees of
 * freedom, the inference statistics. Immutable: arrays are copied in and out.
 */
public final class LinearSolution {

    private final List<String> featureNames;
    private final double intercept;
    private final double[] coefficients;
    private final FitDiagnostics diagnostics;
    private final InferenceStatistics statistics;

    /**
     * Copies and checks the parameters.
     *
     * @param featureNames the p feature names, in coefficient order
     * @param intercept    the constant term; exactly 0 when no intercept was fitted
     * @param coefficients p finite coefficients, one per feature
     * @param diagnostics  what happened during the fit
     * @param statistics   the inference statistics, if computed
     * @throws IllegalArgumentException if the sizes differ or a parameter is not finite
     */
    public LinearSolution(List<String> featureNames, double intercept, double[] coefficients,
                          FitDiagnostics diagnostics, Optional<InferenceStatistics> statistics) {
        this.featureNames = List.copyOf(featureNames);
        this.coefficients = coefficients.clone();
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.statistics = Objects.requireNonNull(statistics, "statistics").orElse(null);
        this.intercept = intercept;
        if (this.coefficients.length != this.featureNames.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d coefficients for %d feature names", this.coefficients.length, this.featureNames.size()));
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept must be finite but was " + intercept);
        }
        for (int j = 0; j < this.coefficients.length; j++) {
            if (!Double.isFinite(this.coefficients[j])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "coefficient of '%s' must be finite but was %s", this.featureNames.get(j), coefficients[j]));
            }
        }
    }

    /**
     * Returns the feature names, in coefficient order.
     *
     * @return an unmodifiable list of p names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Returns the intercept.
     *
     * @return the finite constant term; 0 when none was fitted
     */
    public double intercept() {
        return intercept;
    }

    /**
     * Returns a copy of the coefficients, in the order of {@link #featureNames()}.
     *
     * @return a new array of p finite values
     */
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

    /**
     * Returns what happened during the fit.
     *
     * @return the diagnostics
     */
    public FitDiagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * Returns standard errors, t statistics, p-values, s and R², computed for full-rank, unpenalised least squares
     * with more rows than parameters.
     *
     * @return the statistics, or empty (a ridge, gradient-descent or rank-deficient fit, or n = parameters)
     */
    public Optional<InferenceStatistics> statistics() {
        return Optional.ofNullable(statistics);
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
