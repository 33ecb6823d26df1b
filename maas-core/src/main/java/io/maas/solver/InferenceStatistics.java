package io.maas.solver;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Goodness of fit and parameter uncertainty of an ordinary (or weighted) least-squares fit, computed only when the
 * residual has at least one degree of freedom (n &gt; parameters) and the design has full rank.
 *
 * <p>With an intercept, R² = 1 − SSE/Σw(y − ȳ_w)² and adjusted R² = 1 − (1 − R²)(n − 1)/(n − k). Without one, as NIST
 * StRD certifies (and R's {@code lm} reports), R² is the uncentered 1 − SSE/Σw·y² and adjusted R² =
 * 1 − (1 − R²)·n/(n − k). Here k counts every fitted parameter, intercept included, and SSE = Σ w_i r_i².
 *
 * @param degreesOfFreedom          n − k, &ge; 1
 * @param residualSumOfSquares      SSE, &ge; 0
 * @param residualStandardDeviation s = sqrt(SSE / (n − k)), &ge; 0
 * @param r2                        R², centered with an intercept and uncentered without one
 * @param adjustedR2                R² adjusted for the number of parameters
 * @param r2Definition              CENTERED when an intercept was fitted, UNCENTERED otherwise
 * @param intercept                 the intercept's estimate and statistics, when one was fitted
 * @param coefficients              one estimate per feature, in feature order
 */
public record InferenceStatistics(int degreesOfFreedom, double residualSumOfSquares,
                                  double residualStandardDeviation, double r2, double adjustedR2, R2Definition r2Definition,
                                  Optional<ParameterEstimate> intercept, List<ParameterEstimate> coefficients) {

    /**
     * Checks and copies the values.
     *
     * @param degreesOfFreedom          residual degrees of freedom
     * @param residualSumOfSquares      SSE
     * @param residualStandardDeviation s
     * @param r2                        R²
     * @param adjustedR2                adjusted R²
     * @param r2Definition              how R² is defined
     * @param intercept                 the intercept's statistics
     * @param coefficients              the coefficients' statistics
     * @throws IllegalArgumentException if a value is not finite or out of range
     */
    public InferenceStatistics {
        Objects.requireNonNull(r2Definition, "r2Definition");
        Objects.requireNonNull(intercept, "intercept");
        coefficients = List.copyOf(coefficients);
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degreesOfFreedom must be >= 1 but was " + degreesOfFreedom);
        }
        for (double v : new double[] {residualSumOfSquares, residualStandardDeviation, r2, adjustedR2}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("inference statistics must be finite but one was " + v);
            }
        }
        if (residualSumOfSquares < 0 || residualStandardDeviation < 0) {
            throw new IllegalArgumentException("SSE and s must be >= 0 but were " + residualSumOfSquares
                    + " and " + residualStandardDeviation);
        }
    }

    /**
     * Returns a table of estimates, standard errors, t statistics and p-values, then s and R².
     *
     * @return a multi-line table
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-14s %15s %13s %9s %10s%n",
                "parameter", "estimate", "std. error", "t", "p"));
        intercept.ifPresent(estimate -> row(text, estimate));
        coefficients.forEach(estimate -> row(text, estimate));
        return text.append(String.format(Locale.ROOT, "s = %.6g on %d degrees of freedom, R² = %.6f (%s), "
                + "adjusted R² = %.6f", residualStandardDeviation, degreesOfFreedom, r2,
                r2Definition.name().toLowerCase(Locale.ROOT), adjustedR2)).toString();
    }

    /** Which R² a fit reports. */
    public enum R2Definition {
        /** 1 − SSE/Σw(y − ȳ_w)², for models with an intercept. */
        CENTERED,
        /** 1 − SSE/Σw·y², for models through the origin (NIST StRD's convention for NoInt1 and NoInt2). */
        UNCENTERED
    }

    private static void row(StringBuilder text, ParameterEstimate e) {
        text.append(String.format(Locale.ROOT, "%-14s %15.8g %13.6g %9s %10s%n", e.name(), e.estimate(),
                e.standardError(),
                e.tStatistic().isPresent() ? String.format(Locale.ROOT, "%.3f", e.tStatistic().getAsDouble()) : "-",
                e.pValue().isPresent() ? String.format(Locale.ROOT, "%.3g", e.pValue().getAsDouble()) : "-"));
    }
}
