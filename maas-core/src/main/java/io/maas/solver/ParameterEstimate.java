package io.maas.solver;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One fitted parameter of an ordinary least-squares model with its inference statistics, under the classical
 * assumptions (independent errors of equal variance; normal errors for the t statistic and p-value).
 *
 * @param name          the feature name, or {@code "(intercept)"}
 * @param estimate      the fitted value
 * @param standardError its estimated standard deviation, s·sqrt((XᵀWX)⁻¹_jj), &ge; 0
 * @param tStatistic    estimate / standardError; empty when the standard error is 0 (an exact fit)
 * @param pValue        the two-sided p-value of the t statistic under Student's t with the residual degrees of
 *                      freedom; empty when the t statistic is
 */
public record ParameterEstimate(String name, double estimate, double standardError, OptionalDouble tStatistic,
                                OptionalDouble pValue) {

    /**
     * Checks the values.
     *
     * @param name          parameter name
     * @param estimate      fitted value
     * @param standardError standard error
     * @param tStatistic    t statistic
     * @param pValue        p-value
     * @throws IllegalArgumentException if a value is not finite, the standard error is negative or the p-value is
     *                                  outside [0, 1]
     */
    public ParameterEstimate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tStatistic, "tStatistic");
        Objects.requireNonNull(pValue, "pValue");
        if (!Double.isFinite(estimate) || !(standardError >= 0) || !Double.isFinite(standardError)) {
            throw new IllegalArgumentException("estimate and standard error of '" + name
                    + "' must be finite (and the error >= 0) but were " + estimate + " and " + standardError);
        }
        if (pValue.isPresent() && !(pValue.getAsDouble() >= 0 && pValue.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("pValue of '" + name + "' must be in [0, 1] but was " + pValue);
        }
    }
}
