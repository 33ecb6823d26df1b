package io.maas.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GradientDescentTest {

    /** A seeded, well-conditioned problem: independent Gaussian features on different scales, Gaussian noise. */
    static Dataset randomProblem(int n, int p, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][p];
        double[] y = new double[n];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("f" + j);
        }
        for (int i = 0; i < n; i++) {
            double sum = 3.0;
            for (int j = 0; j < p; j++) {
                x[i][j] = 5.0 + random.nextGaussian() * (1 + j);
                sum += (j % 3 - 1) * 0.7 * x[i][j] + 0.1 * j;
            }
            y[i] = sum + random.nextGaussian();
        }
        return Dataset.of(names, x, "y", y);
    }

    /** Relative agreement of two parameter vectors in the max norm, relative to the largest parameter. */
    static double relativeDifference(LinearSolution a, LinearSolution b) {
        double largest = Math.abs(b.intercept());
        double difference = Math.abs(a.intercept() - b.intercept());
        for (int j = 0; j < a.coefficients().length; j++) {
            largest = Math.max(largest, Math.abs(b.coefficients()[j]));
            difference = Math.max(difference, Math.abs(a.coefficients()[j] - b.coefficients()[j]));
        }
        return difference / largest;
    }

    @Nested
    class AgreementWithQr {

        @Test
        void batch_descent_matches_qr_to_1e8_on_a_seeded_10000_by_20_problem() {
            Dataset data = randomProblem(10_000, 20, 11);
            GradientDescent descent = GradientDescent.builder().gradientTolerance(1e-12).build();

            LinearSolution gd = descent.solve(data);
            LinearSolution qr = LeastSquares.defaults().solve(data);

            assertThat(gd.diagnostics().converged()).isTrue();
            assertThat(relativeDifference(gd, qr)).isLessThan(1e-8);
        }

        @Test
        void nesterov_descent_matches_qr_to_1e8_on_diabetes_and_needs_fewer_iterations() {
            Dataset diabetes = SampleData.diabetes();
            GradientDescent plain = GradientDescent.builder().gradientTolerance(1e-12).maxIterations(200_000)
                    .build();
            GradientDescent nesterov = GradientDescent.builder().gradientTolerance(1e-12)
                    .momentum(GradientDescent.Momentum.NESTEROV).maxIterations(200_000).build();

            LinearSolution slow = plain.solve(diabetes);
            LinearSolution fast = nesterov.solve(diabetes);
            LinearSolution qr = LeastSquares.defaults().solve(diabetes);

            assertThat(slow.diagnostics().converged()).isTrue();
            assertThat(fast.diagnostics().converged()).isTrue();
            assertThat(relativeDifference(slow, qr)).isLessThan(1e-8);
            assertThat(relativeDifference(fast, qr)).isLessThan(1e-8);
            assertThat(fast.diagnostics().iterations()).isLessThan(slow.diagnostics().iterations());
        }

        @Test
        void ridge_descent_matches_ridge_qr() {
            Dataset diabetes = SampleData.diabetes();

            LinearSolution gd = GradientDescent.builder().ridge(1.0).gradientTolerance(1e-12)
                    .momentum(GradientDescent.Momentum.NESTEROV).maxIterations(200_000).build().solve(diabetes);
            LinearSolution qr = LeastSquares.builder().ridge(1.0).build().solve(diabetes);

            assertThat(relativeDifference(gd, qr)).isLessThan(1e-8);
        }

        @Test
        void the_cost_history_of_plain_descent_never_increases_and_ends_at_the_final_cost() {
            LinearSolution gd = GradientDescent.builder().build().solve(randomProblem(500, 5, 3));
            double[] history = gd.diagnostics().costHistory();

            assertThat(history).hasSize(gd.diagnostics().iterations());
            for (int i = 1; i < history.length; i++) {
                assertThat(history[i]).isLessThanOrEqualTo(history[i - 1] * (1 + 1e-15));
            }
            assertThat(gd.diagnostics().finalCost())
                    .isCloseTo(history[history.length - 1], org.assertj.core.api.Assertions.withinPercentage(1e-6));
        }
    }

    @Nested
    class NonConvergence {

        @Test
        void filip_is_reported_as_not_converged_instead_of_quietly_wrong() {
            Dataset filip = NistDataset.load("Filip").design();

            LinearSolution gd = GradientDescent.builder().maxIterations(2_000).build().solve(filip);

            assertThat(gd.diagnostics().converged()).isFalse();
            assertThat(gd.diagnostics().stopReason()).contains("reached maxIterations 2000");
            assertThat(gd.diagnostics().iterations()).isEqualTo(2_000);
        }

        @Test
        void the_strict_option_turns_non_convergence_into_an_exception_with_the_diagnostics() {
            Dataset filip = NistDataset.load("Filip").design();
            GradientDescent strict = GradientDescent.builder().maxIterations(100).failIfNotConverged().build();

            assertThatThrownBy(() -> strict.solve(filip))
                    .isInstanceOf(ConvergenceException.class)
                    .hasMessageContaining("did not converge: reached maxIterations 100")
                    .satisfies(e -> assertThat(((ConvergenceException) e).diagnostics().iterations()).isEqualTo(100));
        }

        @Test
        void a_listener_sees_every_iteration_and_can_cancel() {
            List<Integer> seen = new ArrayList<>();
            GradientDescent cancelling = GradientDescent.builder()
                    .listener((iteration, cost, gradient) -> {
                        seen.add(iteration);
                        return iteration == 5 ? IterationListener.Decision.CANCEL : IterationListener.Decision.CONTINUE;
                    })
                    .build();

            LinearSolution gd = cancelling.solve(SampleData.diabetes());

            assertThat(seen).containsExactly(1, 2, 3, 4, 5);
            assertThat(gd.diagnostics().converged()).isFalse();
            assertThat(gd.diagnostics().stopReason()).isEqualTo("cancelled by the listener");
        }

        @Test
        void a_learning_rate_far_too_large_diverges_with_an_exception() {
            GradientDescent reckless = GradientDescent.builder().learningRate(50).build();

            assertThatThrownBy(() -> reckless.solve(randomProblem(200, 4, 1)))
                    .isInstanceOf(ConvergenceException.class)
                    .hasMessageContaining("diverged")
                    .hasMessageContaining("use a smaller learning rate");
        }
    }

    @Nested
    class Determinism {

        @Test
        void two_fits_with_the_same_settings_give_the_same_coefficients_to_the_bit_whatever_the_thread_count() {
            // 60,000 x 10: the full-batch pass is split into 9 row ranges, so 2 threads really share it.
            Dataset data = randomProblem(60_000, 10, 23);
            assertThat(RowTasks.ofLinearPass(60_000, 10).count()).isEqualTo(9);
            GradientDescent.Builder builder = GradientDescent.builder().momentum(GradientDescent.Momentum.NESTEROV)
                    .maxIterations(300);

            LinearSolution first = builder.parallelism(2).build().solve(data);
            LinearSolution again = builder.parallelism(2).build().solve(data);
            LinearSolution alone = builder.parallelism(1).build().solve(data);

            assertThat(again.coefficients()).isEqualTo(first.coefficients());
            assertThat(again.intercept()).isEqualTo(first.intercept());
            assertThat(again.diagnostics().costHistory()).isEqualTo(first.diagnostics().costHistory());
            assertThat(alone.coefficients()).isEqualTo(first.coefficients());
            assertThat(alone.intercept()).isEqualTo(first.intercept());
        }
    }

    @Nested
    class MiniBatch {

        @Test
        void the_same_seed_gives_the_same_coefficients_and_another_seed_others() {
            Dataset data = randomProblem(1_000, 5, 9);
            GradientDescent.Builder builder = GradientDescent.builder().miniBatch(32).learningRate(0.05)
                    .learningRateDecay(0.1).maxIterations(30);

            double[] first = builder.seed(1).build().solve(data).coefficients();
            double[] again = builder.seed(1).build().solve(data).coefficients();
            double[] other = builder.seed(2).build().solve(data).coefficients();

            assertThat(again).isEqualTo(first);
            assertThat(other).isNotEqualTo(first);
        }

        @Test
        void stochastic_descent_with_decay_gets_close_to_the_least_squares_answer() {
            Dataset data = randomProblem(2_000, 3, 5);

            LinearSolution sgd = GradientDescent.builder().miniBatch(1).learningRate(0.01).learningRateDecay(0.5)
                    .maxIterations(200).build().solve(data);
            LinearSolution qr = LeastSquares.defaults().solve(data);

            // SGD with a 1/t-decaying rate converges slowly, like 1/sqrt(t): about 1e-2 after 200 epochs.
            assertThat(relativeDifference(sgd, qr)).isLessThan(1e-2);
            assertThat(sgd.diagnostics().method()).contains("mini-batch 1");
        }
    }

    @Nested
    class Options {

        @Test
        void bad_options_are_rejected_in_the_option_method() {
            assertThatThrownBy(() -> GradientDescent.builder().learningRate(0))
                    .hasMessageContaining("learningRate must be finite and > 0 but was 0.0");
            assertThatThrownBy(() -> GradientDescent.builder().learningRate(-0.1))
                    .hasMessageContaining("learningRate must be finite and > 0 but was -0.1");
            assertThatThrownBy(() -> GradientDescent.builder().maxIterations(0))
                    .hasMessageContaining("maxIterations must be >= 1 but was 0");
            assertThatThrownBy(() -> GradientDescent.builder().ridge(-1))
                    .hasMessageContaining("ridge lambda must be finite and >= 0 but was -1.0");
            assertThatThrownBy(() -> GradientDescent.builder().miniBatch(0))
                    .hasMessageContaining("mini-batch size must be >= 1 but was 0");
            assertThatThrownBy(() -> GradientDescent.builder().gradientTolerance(Double.NaN))
                    .hasMessageContaining("gradientTolerance must be in (0, 1) but was NaN");
            assertThatThrownBy(() -> GradientDescent.builder().parallelism(0))
                    .hasMessageContaining("parallelism must be >= 1 but was 0");
        }

        @Test
        void the_input_is_not_modified() {
            Dataset data = randomProblem(100, 3, 2);
            double[] features = data.featuresRowMajor();
            double[] target = data.target();
            double[] weights = new double[100];
            java.util.Arrays.fill(weights, 2.0);

            GradientDescent.builder().build().solve(data, weights);

            assertThat(data.featuresRowMajor()).isEqualTo(features);
            assertThat(data.target()).isEqualTo(target);
            assertThat(weights).containsOnly(2.0);
        }
    }
}
