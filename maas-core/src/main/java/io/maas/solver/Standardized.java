package io.maas.solver;

import java.util.List;

/**
 * The least-squares problem in standardised coordinates, z_ij = (x_ij − μ_j)/σ_j (μ_j = 0 and σ_j the root mean square
 * without an intercept), with the target centred when an intercept is fitted: the form gradient descent iterates on.
 * Holds a row-major copy of Z (n x p, never p x p); {@link FullGradient} passes over it for the full-batch cost and
 * gradient. Mutable scratch is passed in by the caller; this object is read only after construction.
 */
final class Standardized {

    private final Problem problem;
    private final int n;
    private final int p;
    private final double[] z;
    private final double[] target;
    private final double[] mean;
    private final double[] sigma;
    private final double[] ridgeOverSigma2; // λ/σ_j², 0 for constant columns
    private final double yMean;
    private final double totalWeight;

    private Standardized(Problem problem, double[] z, double[] target, double[] mean, double[] sigma, double yMean,
                         double totalWeight) {
        this.problem = problem;
        this.n = problem.rows();
        this.p = problem.features();
        this.z = z;
        this.target = target;
        this.mean = mean;
        this.sigma = sigma;
        this.yMean = yMean;
        this.totalWeight = totalWeight;
        this.ridgeOverSigma2 = new double[p];
        for (int j = 0; j < p; j++) {
            ridgeOverSigma2[j] = sigma[j] > 0 ? problem.ridge() / (sigma[j] * sigma[j]) : 0.0;
        }
    }

    static Standardized of(Problem problem, List<String> notes) {
        int n = problem.rows();
        int p = problem.features();
        double[] x = new double[Math.multiplyExact(n, p)];
        double[] row = new double[p];
        double totalWeight = 0;
        double[] mean = new double[p];
        double yMean = 0;
        for (int i = 0; i < n; i++) {
            problem.data().copyRow(i, x, i * p);
            totalWeight += problem.weight(i);
        }
        if (problem.hasIntercept()) {
            for (int i = 0; i < n; i++) {
                double w = problem.weight(i);
                yMean += w * problem.y()[i];
                for (int j = 0; j < p; j++) {
                    mean[j] += w * x[i * p + j];
                }
            }
            yMean /= totalWeight;
            for (int j = 0; j < p; j++) {
                mean[j] /= totalWeight;
            }
        }
        double[] sigma = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double d = x[i * p + j] - mean[j];
                sigma[j] += problem.weight(i) * d * d;
            }
        }
        for (int j = 0; j < p; j++) {
            sigma[j] = Math.sqrt(sigma[j] / totalWeight);
            if (!(sigma[j] > 0)) {
                sigma[j] = 0;
                notes.add("column '" + problem.featureNames().get(j) + "' is constant"
                        + (problem.hasIntercept() ? "" : " zero") + ": its coefficient is 0");
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i * p + j] = sigma[j] > 0 ? (x[i * p + j] - mean[j]) / sigma[j] : 0.0;
            }
        }
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = problem.y()[i] - yMean;
        }
        return new Standardized(problem, x, target, mean, sigma, yMean, totalWeight);
    }

    /**
     * L, the largest eigenvalue of ZᵀWZ/m plus the ridge term, by power iteration from the all-ones vector, each
     * product ZᵀWZ·v one pass of {@code full}.
     */
    double lipschitz(FullGradient full) {
        double[] v = new double[p];
        java.util.Arrays.fill(v, 1.0 / Math.sqrt(p));
        double[] u = new double[p];
        double estimate = 0;
        for (int iteration = 0; iteration < 500; iteration++) {
            full.gramTimes(v, u);
            for (int j = 0; j < p; j++) {
                u[j] /= totalWeight;
            }
            double next = GradientDescent.norm(u);
            if (next == 0) {
                break;
            }
            for (int j = 0; j < p; j++) {
                v[j] = u[j] / next;
            }
            boolean settled = Math.abs(next - estimate) <= 1e-6 * next;
            estimate = next;
            if (settled) {
                break;
            }
        }
        double ridgeMax = 0;
        for (double r : ridgeOverSigma2) {
            ridgeMax = Math.max(ridgeMax, r / totalWeight);
        }
        // Power iteration approaches λ_max from below; 1/L stays a stable step while L >= λ_max / 2.
        return Math.max(estimate + ridgeMax, Double.MIN_NORMAL);
    }

    int rows() {
        return n;
    }

    int features() {
        return p;
    }

    /** Z, n x p, row-major: the internal array, not a copy; read only. */
    double[] matrix() {
        return z;
    }

    /** The target as iterated (centred with an intercept): the internal array, not a copy; read only. */
    double[] target() {
        return target;
    }

    /** The sample weights, or null when unweighted: the problem's array; read only. */
    double[] weights() {
        return problem.weights();
    }

    /**
     * Turns the merged sums of a pass into ∇J(θ) in place, adding the penalty and dividing by Σ w, and returns J(θ).
     *
     * @param theta      θ
     * @param gradient   Σ w_i r_i z_i on entry, ∇J(θ) on return
     * @param squares    Σ w_i r_i²
     */
    double finish(double[] theta, double[] gradient, double squares) {
        double penalty = 0;
        for (int j = 0; j < p; j++) {
            gradient[j] = (gradient[j] + ridgeOverSigma2[j] * theta[j]) / totalWeight;
            penalty += ridgeOverSigma2[j] * theta[j] * theta[j];
        }
        return (squares + penalty) / (2 * totalWeight);
    }

    /** One mini-batch step on rows order[from..to): θ ← θ − rate·∇J_B(θ). */
    void batchStep(double[] theta, int[] order, int from, int to, double rate, double[] gradient) {
        java.util.Arrays.fill(gradient, 0.0);
        double batchWeight = 0;
        for (int k = from; k < to; k++) {
            int i = order[k];
            int base = i * p;
            double r = -target[i];
            for (int j = 0; j < p; j++) {
                r += z[base + j] * theta[j];
            }
            double wr = problem.weight(i) * r;
            batchWeight += problem.weight(i);
            for (int j = 0; j < p; j++) {
                gradient[j] += wr * z[base + j];
            }
        }
        if (batchWeight == 0) {
            return;
        }
        for (int j = 0; j < p; j++) {
            theta[j] -= rate * (gradient[j] / batchWeight + ridgeOverSigma2[j] * theta[j] / totalWeight);
        }
    }

    /** Maps θ back to original units: the intercept first (when fitted), then β_j = θ_j / σ_j. */
    double[] toOriginalUnits(double[] theta) {
        int offset = problem.hasIntercept() ? 1 : 0;
        double[] parameters = new double[p + offset];
        double intercept = yMean;
        for (int j = 0; j < p; j++) {
            double beta = sigma[j] > 0 ? theta[j] / sigma[j] : 0.0;
            parameters[j + offset] = beta;
            intercept -= mean[j] * beta;
        }
        if (offset == 1) {
            parameters[0] = intercept;
        }
        return parameters;
    }
}
