package io.maas.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Builds {@link InferenceStatistics} from a full-rank, unpenalised least-squares solution. */
final class Inference {

    private Inference() {
    }

    /**
     * Returns the statistics, or empty when the residual has no degree of freedom.
     *
     * @param theta               the parameters, intercept first when fitted
     * @param sse                 Σ w_i r_i²
     * @param inverseGramDiagonal diag((XᵀWX)⁻¹), intercept first when fitted
     */
    static Optional<InferenceStatistics> of(Problem problem, double[] theta, double sse,
                                            double[] inverseGramDiagonal) {
        return of(problem, theta, sse, problem.ridge() > 0 ? Double.NaN : Residuals.totalSumOfSquares(problem),
                inverseGramDiagonal);
    }

    /**
     * Returns the statistics with the total sum of squares already known, or empty as above.
     *
     * @param sst Σ w_i (y_i − ȳ)² with an intercept, Σ w_i y_i² without
     */
    static Optional<InferenceStatistics> of(Problem problem, double[] theta, double sse, double sst,
                                            double[] inverseGramDiagonal) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < problem.parameters(); j++) {
            names.add(problem.parameterName(j));
        }
        return of(problem.rows(), problem.hasIntercept(), problem.ridge(), names, theta, sse, sst,
                inverseGramDiagonal);
    }

    /**
     * Returns the statistics from the fit's totals, or empty when the residual has no degree of freedom or the
     * fit is penalised.
     *
     * @param rows                n
     * @param intercept           whether an intercept was fitted (R² is then centred)
     * @param ridge               the penalty; statistics are only defined for 0
     * @param parameterNames      k names, "(intercept)" first when fitted
     * @param theta               the parameters, intercept first when fitted
     * @param sse                 Σ w_i r_i²
     * @param sst                 Σ w_i (y_i − ȳ)² with an intercept, Σ w_i y_i² without
     * @param inverseGramDiagonal diag((XᵀWX)⁻¹), intercept first when fitted
     */
    static Optional<InferenceStatistics> of(long rows, boolean intercept, double ridge, List<String> parameterNames,
                                            double[] theta, double sse, double sst, double[] inverseGramDiagonal) {
        int k = parameterNames.size();
        long dof = rows - k;
        if (dof < 1 || dof > Integer.MAX_VALUE || ridge > 0) {
            return Optional.empty();
        }
        double n = rows;
        double s = Math.sqrt(sse / dof);
        double r2 = sst > 0 ? 1.0 - sse / sst : (sse == 0 ? 1.0 : 0.0);
        double adjusted = intercept
                ? 1.0 - (1.0 - r2) * (n - 1) / dof
                : 1.0 - (1.0 - r2) * n / dof;
        List<ParameterEstimate> estimates = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double standardError = s * Math.sqrt(Math.max(0.0, inverseGramDiagonal[j]));
            OptionalDouble t = OptionalDouble.empty();
            OptionalDouble p = OptionalDouble.empty();
            if (standardError > 0) {
                double tValue = theta[j] / standardError;
                t = OptionalDouble.of(tValue);
                p = OptionalDouble.of(StudentT.twoSidedPValue(tValue, (int) dof));
            }
            estimates.add(new ParameterEstimate(parameterNames.get(j), theta[j], standardError, t, p));
        }
        Optional<ParameterEstimate> interceptEstimate = intercept
                ? Optional.of(estimates.remove(0)) : Optional.empty();
        return Optional.of(new InferenceStatistics((int) dof, sse, s, r2, adjusted,
                intercept ? InferenceStatistics.R2Definition.CENTERED : InferenceStatistics.R2Definition.UNCENTERED,
                interceptEstimate, estimates));
    }
}
