package io.maas.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegressionAccumulatorTest {

    // Seeded data with a large offset (1e6) and a small spread: the case where a naive Σx² - n·mean² would lose
    // about 12 digits, and where the one-pass updates must still agree with the two-pass array functions.
    private static final int N = 10_000;
    private static final double[] ACTUAL = new double[N];
    private static final double[] PREDICTED = new double[N];
    private static final double[] WEIGHTS = new double[N];

    static {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < N; i++) {
            ACTUAL[i] = 1e6 + random.nextGaussian() * 3;
            PREDICTED[i] = ACTUAL[i] + random.nextGaussian() + 0.25;
            WEIGHTS[i] = random.nextInt(4); // includes zeros
        }
    }

    // 1e-11 relative: West's and Chan's updates are backward stable; with n = 1e4 and an offset-to-spread ratio of
    // 3e5 their error stays near 1e-13 against the two-pass reference, and 1e-11 leaves margin without hiding a
    // naive formula (which is off by 1e-5 or worse here).
    private static final double RELATIVE_PERCENT = 1e-9;

    @Nested
    class SameScoresWhateverTheChunking {

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 7, 1000, N})
        void chunks_of_any_size_give_the_array_scores(int chunk) {
            RegressionAccumulator accumulator = new RegressionAccumulator();
            for (int from = 0; from < N; from += chunk) {
                int to = Math.min(from + chunk, N);
                accumulator.addAll(Arrays.copyOfRange(ACTUAL, from, to), Arrays.copyOfRange(PREDICTED, from, to));
            }

            assertClose(accumulator.scores(), RegressionMetrics.score(ACTUAL, PREDICTED));
        }

        @Test
        void pair_by_pair_gives_the_array_scores() {
            RegressionAccumulator accumulator = new RegressionAccumulator();
            for (int i = 0; i < N; i++) {
                accumulator.add(ACTUAL[i], PREDICTED[i]);
            }

            assertClose(accumulator.scores(), RegressionMetrics.score(ACTUAL, PREDICTED));
        }

        @Test
        void one_whole_chunk_gives_the_array_scores_bit_for_bit() {
            assertThat(new RegressionAccumulator().addAll(ACTUAL, PREDICTED).scores())
                    .isEqualTo(RegressionMetrics.score(ACTUAL, PREDICTED));
        }

        @Test
        void weighted_pairs_one_at_a_time_give_the_weighted_array_scores() {
            RegressionAccumulator accumulator = new RegressionAccumulator();
            for (int i = 0; i < N; i++) {
                accumulator.add(ACTUAL[i], PREDICTED[i], WEIGHTS[i]);
            }

            assertClose(accumulator.scores(), RegressionMetrics.score(ACTUAL, PREDICTED, WEIGHTS));
        }

        @Test
        void merged_parts_give_the_scores_of_the_whole() {
            RegressionAccumulator first = new RegressionAccumulator()
                    .addAll(Arrays.copyOfRange(ACTUAL, 0, 3000), Arrays.copyOfRange(PREDICTED, 0, 3000),
                            Arrays.copyOfRange(WEIGHTS, 0, 3000));
            RegressionAccumulator second = new RegressionAccumulator();
            for (int i = 3000; i < N; i++) {
                second.add(ACTUAL[i], PREDICTED[i], WEIGHTS[i]);
            }

            RegressionScores merged = first.merge(second).scores();

            assertClose(merged, RegressionMetrics.score(ACTUAL, PREDICTED, WEIGHTS));
            assertThat(second.count()).isEqualTo(N - 3000);
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void scores_of_an_empty_accumulator_are_refused() {
            assertThatThrownBy(() -> new RegressionAccumulator().scores())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no pairs have been added");
        }

        @Test
        void scores_when_every_weight_is_zero_are_refused() {
            RegressionAccumulator accumulator = new RegressionAccumulator().add(1, 2, 0).add(3, 4, 0);

            assertThatThrownBy(accumulator::scores)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("all 2 pairs added have weight 0");
        }

        @Test
        void an_empty_chunk_changes_nothing() {
            RegressionAccumulator accumulator = new RegressionAccumulator().add(1, 2);

            accumulator.addAll(new double[0], new double[0]);

            assertThat(accumulator.count()).isEqualTo(1);
            assertThat(accumulator.scores().mse()).isEqualTo(1.0);
        }

        @Test
        void scores_can_be_taken_and_more_pairs_added() {
            RegressionAccumulator accumulator = new RegressionAccumulator().add(1, 2);
            RegressionScores first = accumulator.scores();

            accumulator.add(3, 3);

            assertThat(first.count()).isEqualTo(1);
            assertThat(accumulator.scores().mse()).isEqualTo(0.5);
        }

        @Test
        void a_bad_pair_or_chunk_leaves_the_accumulator_unchanged() {
            RegressionAccumulator accumulator = new RegressionAccumulator().add(1, 2).add(2, 2);
            RegressionScores before = accumulator.scores();

            assertThatThrownBy(() -> accumulator.add(Double.NaN, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("actual of pair 2 is NaN");
            assertThatThrownBy(() -> accumulator.add(1, Double.NEGATIVE_INFINITY))
                    .hasMessageContaining("predicted of pair 2 is -Infinity");
            assertThatThrownBy(() -> accumulator.add(1, 1, -0.5))
                    .hasMessageContaining("weight of pair 2 is -0.5");
            assertThatThrownBy(() -> accumulator.addAll(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}))
                    .hasMessageContaining("predicted[1] is NaN");
            assertThatThrownBy(() -> accumulator.addAll(new double[] {1, 2}, new double[] {1}))
                    .hasMessageContaining("actual has 2 values but predicted has 1");
            assertThatThrownBy(() -> accumulator.addAll(new double[] {1}, new double[] {1}, new double[] {0}))
                    .hasMessageContaining("weights are all 0");

            assertThat(accumulator.count()).isEqualTo(2);
            assertThat(accumulator.scores()).isEqualTo(before);
        }

        @Test
        void merging_itself_is_refused() {
            RegressionAccumulator accumulator = new RegressionAccumulator().add(1, 2);

            assertThatThrownBy(() -> accumulator.merge(accumulator))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot merge itself");
        }

        @Test
        void a_constant_stream_in_chunks_keeps_the_constant_target_rule() {
            // Chunk means of 0.1s are an ulp off 0.1, so merged variances are ~1e-34 unless constancy is tracked.
            RegressionAccumulator accumulator = new RegressionAccumulator();
            for (int i = 0; i < 10; i++) {
                accumulator.addAll(new double[] {0.1, 0.1, 0.1}, new double[] {0.1, 0.1, 0.2});
            }

            assertThat(accumulator.scores().r2()).isEqualTo(0.0);
        }
    }

    private static void assertClose(RegressionScores actual, RegressionScores expected) {
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.mse()).isCloseTo(expected.mse(), withinPercentage(RELATIVE_PERCENT));
        assertThat(actual.rmse()).isCloseTo(expected.rmse(), withinPercentage(RELATIVE_PERCENT));
        assertThat(actual.mae()).isCloseTo(expected.mae(), withinPercentage(RELATIVE_PERCENT));
        assertThat(actual.r2()).isCloseTo(expected.r2(), withinPercentage(RELATIVE_PERCENT));
        assertThat(actual.explainedVariance())
                .isCloseTo(expected.explainedVariance(), withinPercentage(RELATIVE_PERCENT));
        assertThat(actual.maxError()).isEqualTo(expected.maxError());
    }
}
