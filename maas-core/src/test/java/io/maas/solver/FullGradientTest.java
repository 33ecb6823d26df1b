package io.maas.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.maas.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused, parallel full-batch gradient: it must equal the plain two-pass definition (residuals of all rows, then
 * Zᵀ W r) up to rounding, and must not depend on the number of threads, to the bit.
 */
class FullGradientTest {

    private static final double U = 0x1p-53;

    /** A seeded problem with random positive weights; the rows are standardised as gradient descent does. */
    private static Standardized problem(int n, int p, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][p];
        double[] y = new double[n];
        double[] weights = new double[n];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("f" + j);
        }
        for (int i = 0; i < n; i++) {
            double sum = 1.0;
            for (int j = 0; j < p; j++) {
                x[i][j] = 3.0 + random.nextGaussian() * (1 + j);
                sum += (j % 3 - 1) * 0.5 * x[i][j];
            }
            y[i] = sum + random.nextGaussian();
            weights[i] = 0.5 + random.nextDouble();
        }
        Problem problem = LeastSquares.problem(Dataset.of(names, x, "y", y), weights, Intercept.FIT, 0.0);
        return Standardized.of(problem, new ArrayList<>());
    }

    private static double[] point(int p) {
        double[] theta = new double[p];
        for (int j = 0; j < p; j++) {
            theta[j] = 0.3 * (j % 4) - 0.4;
        }
        return theta;
    }

    private static double gamma(long k) {
        return k * U / (1 - k * U);
    }

    @Nested
    class AgainstTheTwoPassDefinition {

        /**
         * n = 300,007 is odd, so neither the groups of four rows of the kernel nor the range boundaries (n·t/8) fall
         * on multiples of four, and the split has 8 ranges shared by 2 threads. The tolerance is the worst-case
         * bound for dot products evaluated in any order (Higham, Accuracy and Stability of Numerical Algorithms, 2nd
         * ed., 2002, §3.1): each residual, a sum of p + 1 terms, errs by at most γ_{p+1}·a_i with
         * a_i = Σ_k |z_ik θ_k| + |t_i|; each gradient component, a sum of n weighted products, by at most
         * γ_{n+2}·Σ_i w_i |r_i z_ij| plus the residuals' errors carried through, γ_{p+1}·Σ_i w_i a_i |z_ij|; the
         * division by Σ w adds u. Both computations satisfy that bound against the exact value, so they differ by at
         * most twice it. Dropping or repeating a single row would exceed it by orders of magnitude.
         */
        @ParameterizedTest
        @ValueSource(ints = {1, 3, 4, 5, 97, 300_007})
        void the_parallel_fused_gradient_equals_the_serial_two_pass_gradient_within_rounding(int n) {
            int p = 7;
            Standardized z = problem(n, p, 17 + n);
            double[] theta = point(p);
            double[] matrix = z.matrix();
            double[] target = z.target();
            double[] weights = z.weights();

            // Pass 1: every residual.
            double[] residual = new double[n];
            double[] size = new double[n];
            for (int i = 0; i < n; i++) {
                double r = -target[i];
                double a = Math.abs(target[i]);
                for (int j = 0; j < p; j++) {
                    r += matrix[i * p + j] * theta[j];
                    a += Math.abs(matrix[i * p + j] * theta[j]);
                }
                residual[i] = r;
                size[i] = a;
            }
            // Pass 2: Zᵀ W r, Σ w r², and the error bounds.
            double[] expected = new double[p];
            double[] bound = new double[p];
            double totalWeight = 0;
            double squares = 0;
            double squaresBound = 0;
            for (int i = 0; i < n; i++) {
                totalWeight += weights[i];
                squares += weights[i] * residual[i] * residual[i];
                squaresBound += weights[i] * (residual[i] * residual[i] + 2 * Math.abs(residual[i]) * size[i]);
                for (int j = 0; j < p; j++) {
                    double zij = Math.abs(matrix[i * p + j]);
                    expected[j] += weights[i] * residual[i] * matrix[i * p + j];
                    bound[j] += gamma(n + 2L) * weights[i] * Math.abs(residual[i]) * zij
                            + gamma(p + 1L) * weights[i] * size[i] * zij;
                }
            }

            double[] actual = new double[p];
            double cost;
            try (FullGradient full = new FullGradient(z, 2)) {
                assertThat(full.tasks().count()).isEqualTo(n == 300_007 ? 8 : 1);
                cost = full.costAndGradient(theta, actual);
            }

            for (int j = 0; j < p; j++) {
                double reference = expected[j] / totalWeight;
                double tolerance = 2 * (bound[j] / totalWeight + U * Math.abs(reference));
                assertThat(Math.abs(actual[j] - reference)).as("component %d", j).isLessThanOrEqualTo(tolerance);
            }
            double referenceCost = squares / (2 * totalWeight);
            assertThat(Math.abs(cost - referenceCost))
                    .isLessThanOrEqualTo(2 * (gamma(n + 3L + p) * squaresBound / (2 * totalWeight)
                            + U * referenceCost));
        }
    }

    @Nested
    class Determinism {

        @Test
        void the_gradient_is_the_same_to_the_bit_with_1_2_or_5_threads_and_on_every_call() {
            int p = 11;
            Standardized z = problem(123_457, p, 5);
            double[] theta = point(p);
            double[][] gradients = new double[4][p];
            double[] costs = new double[4];
            int[] threads = {1, 2, 5, 2};

            for (int k = 0; k < threads.length; k++) {
                try (FullGradient full = new FullGradient(z, threads[k])) {
                    assertThat(full.tasks().count()).isEqualTo(5);
                    costs[k] = full.costAndGradient(theta, gradients[k]);
                    double[] again = new double[p];
                    assertThat(full.costAndGradient(theta, again)).isEqualTo(costs[k]);
                    assertThat(again).isEqualTo(gradients[k]);
                }
            }

            for (int k = 1; k < threads.length; k++) {
                assertThat(costs[k]).isEqualTo(costs[0]);
                assertThat(gradients[k]).isEqualTo(gradients[0]);
            }
        }
    }
}
