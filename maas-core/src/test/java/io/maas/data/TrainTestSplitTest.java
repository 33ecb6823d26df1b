package io.maas.data;

import io.maas.internal.SplitMix64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainTestSplitTest {

    private static Dataset numbered(int n) {
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            y[i] = i;
        }
        return Dataset.of(List.of("id"), x, "y", y);
    }

    @Test
    void splitmix64_matches_the_published_reference_sequence() {
        // First outputs of SplitMix64 seeded with 0, as printed by the reference C code of Vigna (prng.di.unimi.it).
        SplitMix64 random = new SplitMix64(0);

        assertThat(random.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(random.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(random.nextLong()).isEqualTo(0x06C45D188009454FL);
    }

    @Test
    void the_permutation_for_a_seed_is_pinned() {
        // Computed independently by a Python transcription of the algorithm in TrainTestSplit's Javadoc.
        // A change here breaks every user's reproducible split.
        assertThat(TrainTestSplit.permutation(10, 42)).containsExactly(3, 8, 4, 2, 9, 5, 7, 1, 0, 6);
    }

    @Test
    void eighty_twenty_of_442_rows_gives_354_and_88_disjoint_rows_covering_all() {
        Dataset data = numbered(442);

        TrainTestSplit split = TrainTestSplit.shuffled(data, 0.8, 42);

        assertThat(split.train().rowCount()).isEqualTo(354);
        assertThat(split.test().rowCount()).isEqualTo(88);
        int[] all = IntStream.concat(
                Arrays.stream(split.train().target()).mapToInt(v -> (int) v),
                Arrays.stream(split.test().target()).mapToInt(v -> (int) v)).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 442).toArray());
    }

    @Test
    void the_same_seed_gives_the_same_rows_and_another_seed_other_rows() {
        Dataset data = numbered(100);

        double[] first = TrainTestSplit.shuffled(data, 0.8, 42).test().target();
        double[] again = TrainTestSplit.shuffled(data, 0.8, 42).test().target();
        double[] other = TrainTestSplit.shuffled(data, 0.8, 43).test().target();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    static Dataset classes(double... labels) {
        double[][] x = new double[labels.length][1];
        for (int i = 0; i < labels.length; i++) {
            x[i][0] = i;
        }
        return Dataset.of(List.of("id"), x, "label", labels);
    }

    static int[] ids(Dataset data) {
        int[] ids = new int[data.rowCount()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) data.feature(i, 0);
        }
        return ids;
    }

    @Nested
    class Stratified {

        @Test
        void the_rows_for_a_seed_are_pinned() {
            // Computed independently by a Python transcription of the algorithm in TrainTestSplit's Javadoc.
            Dataset data = classes(0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1);

            TrainTestSplit split = TrainTestSplit.stratified(data, 0.5, 7);

            assertThat(ids(split.train())).containsExactly(2, 5, 3, 1, 8, 0, 7);
            assertThat(ids(split.test())).containsExactly(6, 4, 10, 11, 9);
        }

        @Test
        void each_class_keeps_its_share_in_both_parts() {
            double[] labels = new double[300];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i % 10 == 0 ? 2 : i % 3 == 0 ? 1 : 0; // 30 of class 2, rare
            }
            TrainTestSplit split = TrainTestSplit.stratified(classes(labels), 0.8, 42);

            assertThat(count(split.train(), 2)).isEqualTo(24);
            assertThat(count(split.test(), 2)).isEqualTo(6);
            assertThat(split.train().rowCount() + split.test().rowCount()).isEqualTo(300);
            assertThat(IntStream.concat(Arrays.stream(ids(split.train())), Arrays.stream(ids(split.test())))
                    .sorted().toArray()).isEqualTo(IntStream.range(0, 300).toArray());
        }

        @Test
        void every_class_of_two_rows_has_one_in_each_part() {
            TrainTestSplit split = TrainTestSplit.stratified(classes(5, 5, 7, 7, 9, 9), 0.9, 1);

            assertThat(split.train().target()).containsExactlyInAnyOrder(5, 7, 9);
            assertThat(split.test().target()).containsExactlyInAnyOrder(5, 7, 9);
        }

        @Test
        void a_class_of_one_row_is_rejected_naming_it() {
            assertThatThrownBy(() -> TrainTestSplit.stratified(classes(1, 1, 2.5), 0.5, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("class 2.5 of target 'label' has 1 row but a stratified split needs at least 2"
                            + " rows per class");
        }

        private long count(Dataset data, double label) {
            return Arrays.stream(data.target()).filter(v -> v == label).count();
        }
    }

    @Test
    void first_rows_keeps_file_order() {
        TrainTestSplit split = TrainTestSplit.firstRows(numbered(5), 3);

        assertThat(split.train().target()).containsExactly(0, 1, 2);
        assertThat(split.test().target()).containsExactly(3, 4);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void a_fraction_outside_zero_one_is_rejected(double fraction) {
        assertThatThrownBy(() -> TrainTestSplit.shuffled(numbered(10), fraction, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainFraction must be strictly between 0 and 1");
        assertThatThrownBy(() -> TrainTestSplit.stratified(numbered(10), fraction, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainFraction must be strictly between 0 and 1");
    }

    @Test
    void the_parts_are_views_that_copy_rows_from_the_parent() {
        Dataset data = numbered(10);

        TrainTestSplit split = TrainTestSplit.shuffled(data, 0.7, 42);

        double[] row = new double[3];
        split.test().copyRow(0, row, 2);
        assertThat(row[2]).isEqualTo(split.test().target(0));
        assertThat(ids(split.train())).containsExactly(3, 8, 4, 2, 9, 5, 7);
    }

    @Test
    void a_one_row_dataset_cannot_be_split() {
        assertThatThrownBy(() -> TrainTestSplit.shuffled(numbered(1), 0.5, 1))
                .hasMessageContaining("gives 1 training and 0 test rows");
    }

    @Test
    void a_split_that_leaves_a_part_empty_is_rejected() {
        assertThatThrownBy(() -> TrainTestSplit.shuffled(numbered(2), 0.9, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gives 2 training and 0 test rows");
        assertThatThrownBy(() -> TrainTestSplit.firstRows(numbered(2), 2))
                .hasMessageContaining("trainRows must be between 1 and 1");
    }
}
