package io.maas.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.maas.data.Dataset;
import io.maas.internal.VectorKernels;
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

    /**
     * The plain definition in two passes, every residual first, then Zᵀ W r, and the worst-case error bound of any
     * evaluation of it, componentwise, for dot products in any order (Higham, Accuracy and Stability of Numerical
     * Algorithms, 2nd ed., 2002, §3.1): each residual, a sum of p + 1 terms, errs by at most γ_{p+1}·a_i with
     * a_i = Σ_k |z_ik θ_k| + |t_i|; each sum over the rows, of n weighted products, by at most
     * γ_{n+2}·Σ_i w_i |r_i z_ij| plus the residuals' errors carried through, γ_{p+1}·Σ_i w_i a_i |z_ij|; Σ w r² by
     * γ_{n+2}·Σ w r² plus, to first order, 2γ_{p+1}·Σ w |r| a.
     */
    private record TwoPass(double[] sums, double[] bound, double squares, double squaresBound, double totalWeight) {

        static TwoPass of(Standardized z, double[] theta, double[] target) {
            int n = z.rows();
            int p = z.features();
            double[] matrix = z.matrix();
            double[] weights = z.weights();
            double[] residual = new double[n];
            double[] size = new double[n];
            for (int i = 0; i < n; i++) {
                double t = target == null ? 0.0 : target[i];
                double r = -t;
                double a = Math.abs(t);
                for (int j = 0; j < p; j++) {
                    r += matrix[i * p + j] * theta[j];
                    a += Math.abs(matrix[i * p + j] * theta[j]);
                }
                residual[i] = r;
                size[i] = a;
            }
            double[] sums = new double[p];
            double[] bound = new double[p];
            double totalWeight = 0;
            double squares = 0;
            double squaresBound = 0;
            for (int i = 0; i < n; i++) {
                double w = weights[i];
                double r = residual[i];
                totalWeight += w;
                squares += w * r * r;
                squaresBound += gamma(n + 2L) * w * r * r + 2 * gamma(p + 1L) * w * Math.abs(r) * size[i];
                for (int j = 0; j < p; j++) {
                    double zij = matrix[i * p + j];
                    sums[j] += w * r * zij;
                    bound[j] += gamma(n + 2L) * w * Math.abs(r * zij) + gamma(p + 1L) * w * size[i] * Math.abs(zij);
                }
            }
            return new TwoPass(sums, bound, squares, squaresBound, totalWeight);
        }
    }

    /**
     * Both computations are within the bound of {@link TwoPass} of the exact value, so they differ by at most twice
     * it, plus u of the result for a final division. Dropping or repeating a single row exceeds it by orders of
     * magnitude (checked by breaking the kernel's last row).
     */
    private static void assertWithinRounding(double actual, double reference, double bound, String what) {
        assertThat(Math.abs(actual - reference)).as(what).isLessThanOrEqualTo(2 * (bound + U * Math.abs(reference)));
    }

    @Nested
    class AgainstTheTwoPassDefinition {

        /**
         * n = 300,007 is odd, so neither the groups of four rows of the kernel nor the range boundaries (n·t/32) fall
         * on multiples of four, and the split has 32 ranges shared by 2 threads; the small sizes cover the rows left
         * over after the groups of four.
         */
        @ParameterizedTest
        @ValueSource(ints = {1, 3, 4, 5, 97, 300_007})
        void the_parallel_fused_gradient_equals_the_serial_two_pass_gradient_within_rounding(int n) {
            int p = 7;
            Standardized z = problem(n, p, 17 + n);
            double[] theta = point(p);
            TwoPass expected = TwoPass.of(z, theta, z.target());

            double[] actual = new double[p];
            double cost;
            try (FullGradient full = new FullGradient(z, 2)) {
                assertThat(full.tasks().count()).isEqualTo(n == 300_007 ? 32 : 1);
                cost = full.costAndGradient(theta, actual);
            }

            double total = expected.totalWeight();
            for (int j = 0; j < p; j++) {
                assertWithinRounding(actual[j], expected.sums()[j] / total, expected.bound()[j] / total,
                        "component " + j);
            }
            assertWithinRounding(cost, expected.squares() / (2 * total), expected.squaresBound() / (2 * total),
                    "cost");
        }

        /**
         * From {@link GradientKernel#PARTIALS_FROM} columns on, each residual is summed in eight partial sums, by the
         * scalar kernel or, when the JVM has the module, the Vector API one: both are checked against the definition,
         * at column counts with no last partial chunk (72) and with one of 3 and 7 columns (131, 71), and at row
         * counts that leave rows after the groups of four.
         */
        @ParameterizedTest
        @ValueSource(ints = {71, 72, 131})
        void with_eight_partial_sums_per_residual_both_kernels_equal_the_two_pass_gradient_within_rounding(int p) {
            for (int n : new int[] {3, 7, 20_003}) {
                Standardized z = problem(n, p, 31L * n + p);
                double[] theta = point(p);
                TwoPass expected = TwoPass.of(z, theta, z.target());
                double total = expected.totalWeight();
                for (VectorKernels kernel : kernels()) {
                    double[] actual = new double[p];
                    double cost;
                    try (FullGradient full = new FullGradient(z, RowTasks.ofLinearPass(n, p), 2, kernel)) {
                        cost = full.costAndGradient(theta, actual);
                    }
                    String which = (kernel == null ? "scalar" : "vector") + " kernel, n = " + n + ", ";
                    for (int j = 0; j < p; j++) {
                        assertWithinRounding(actual[j], expected.sums()[j] / total, expected.bound()[j] / total,
                                which + "component " + j);
                    }
                    assertWithinRounding(cost, expected.squares() / (2 * total),
                            expected.squaresBound() / (2 * total), which + "cost");
                }
            }
        }

        @Test
        void the_product_of_the_step_size_estimate_equals_the_two_pass_product_within_rounding() {
            int p = 9;
            Standardized z = problem(300_007, p, 3);
            double[] v = point(p);
            TwoPass expected = TwoPass.of(z, v, null);

            double[] actual = new double[p];
            try (FullGradient full = new FullGradient(z, 2)) {
                full.gramTimes(v, actual);
            }

            for (int j = 0; j < p; j++) {
                assertWithinRounding(actual[j], expected.sums()[j], expected.bound()[j], "component " + j);
            }
        }
    }

    /** The scalar kernel (null), and the Vector API kernel when this JVM has it. */
    private static List<VectorKernels> kernels() {
        List<VectorKernels> kernels = new ArrayList<>();
        kernels.add(null);
        VectorKernels vector = GramKernel.vectorKernels();
        if (vector != null && vector.hasGradient()) {
            kernels.add(vector);
        }
        return kernels;
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
                    assertThat(full.tasks().count()).isEqualTo(20);
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
