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
        int n = problem.rows();
        int k = problem.parameters();
        int dof = n - k;
        if (dof < 1 || problem.ridge() > 0) {
            return Optional.empty();
        }
        double s = Math.sqrt(sse / dof);
        double sst = Residuals.totalSumOfSquares(problem);
        double r2 = sst > 0 ? 1.0 - sse / sst : (sse == 0 ? 1.0 : 0.0);
        double adjusted = problem.hasIntercept()
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
                p = OptionalDouble.of(StudentT.twoSidedPValue(tValue, dof));
            }
            estimates.add(new ParameterEstimate(problem.parameterName(j), theta[j], standardError, t, p));
        }
        Optional<ParameterEstimate> intercept = problem.hasIntercept()
                ? Optional.of(estimates.remove(0)) : Optional.empty();
        return Optional.of(new InferenceStatistics(dof, sse, s, r2, adjusted,
                problem.hasIntercept() ? InferenceStatistics.R2Definition.CENTERED
                        : InferenceStatistics.R2Definition.UNCENTERED,
                intercept, estimates));
    }
}
