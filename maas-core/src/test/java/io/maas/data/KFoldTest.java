package io.maas.data;

import static io.maas.data.TrainTestSplitTest.classes;
import static io.maas.data.TrainTestSplitTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KFoldTest {

    private static Dataset numbered(int n) {
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return classes(labels);
    }

    @Test
    void ordered_folds_are_consecutive_with_the_larger_folds_first() {
        List<Fold> folds = KFold.ordered(3).split(numbered(10));

        assertThat(ids(folds.get(0).validation())).containsExactly(0, 1, 2, 3);
        assertThat(ids(folds.get(1).validation())).containsExactly(4, 5, 6);
        assertThat(ids(folds.get(2).validation())).containsExactly(7, 8, 9);
        assertThat(ids(folds.get(1).train())).containsExactly(0, 1, 2, 3, 7, 8, 9);
        assertThat(folds).extracting(Fold::index).containsExactly(0, 1, 2);
    }

    @Test
    void shuffled_folds_for_a_seed_are_pinned() {
        // Computed independently by a Python transcription of the algorithm in KFold's Javadoc.
        List<Fold> folds = KFold.shuffled(3, 42).split(numbered(10));

        assertThat(ids(folds.get(0).validation())).containsExactly(3, 8, 4, 2);
        assertThat(ids(folds.get(1).validation())).containsExactly(9, 5, 7);
        assertThat(ids(folds.get(2).validation())).containsExactly(1, 0, 6);
        assertThat(ids(folds.get(2).train())).containsExactly(3, 8, 4, 2, 9, 5, 7);
    }

    @Test
    void stratified_folds_for_a_seed_are_pinned() {
        // Computed independently by a Python transcription of the algorithm in KFold's Javadoc.
        List<Fold> folds = KFold.stratified(3, 7).split(classes(0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1));

        assertThat(ids(folds.get(0).validation())).containsExactly(8, 10, 1, 4);
        assertThat(ids(folds.get(1).validation())).containsExactly(6, 5, 9, 2);
        assertThat(ids(folds.get(2).validation())).containsExactly(3, 0, 7, 11);
    }

    static Stream<KFold> splitters() {
        return Stream.of(KFold.ordered(4), KFold.shuffled(4, 1), KFold.stratified(4, 1), KFold.shuffled(2, -5));
    }

    @ParameterizedTest
    @MethodSource("splitters")
    void every_row_is_validated_exactly_once_and_trained_on_in_the_other_folds(KFold kFold) {
        Dataset data = numbered(23);

        List<Fold> folds = kFold.split(data);

        assertThat(folds).hasSize(kFold.k());
        int[] validated = folds.stream().flatMapToInt(f -> Arrays.stream(ids(f.validation()))).sorted().toArray();
        assertThat(validated).isEqualTo(IntStream.range(0, 23).toArray());
        for (Fold fold : folds) {
            int[] both = IntStream.concat(Arrays.stream(ids(fold.train())), Arrays.stream(ids(fold.validation())))
                    .sorted().toArray();
            assertThat(both).isEqualTo(IntStream.range(0, 23).toArray());
            assertThat(fold.validation().rowCount()).isBetween(23 / kFold.k(), 23 / kFold.k() + 1);
        }
    }

    @Test
    void stratified_folds_spread_each_class_evenly() {
        double[] labels = new double[100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 10 ? 1 : 0;
        }
        for (Fold fold : KFold.stratified(5, 3).split(classes(labels))) {
            assertThat(Arrays.stream(fold.validation().target()).filter(v -> v == 1).count()).isEqualTo(2);
        }
    }

    @Test
    void the_same_seed_gives_the_same_folds() {
        Dataset data = numbered(50);

        assertThat(ids(KFold.shuffled(5, 9).split(data).get(3).validation()))
                .isEqualTo(ids(KFold.shuffled(5, 9).split(data).get(3).validation()))
                .isNotEqualTo(ids(KFold.shuffled(5, 10).split(data).get(3).validation()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0, -3, Integer.MIN_VALUE})
    void k_below_two_is_rejected(int k) {
        assertThatThrownBy(() -> KFold.ordered(k))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be >= 2 but was " + k);
    }

    @Test
    void fewer_rows_than_folds_is_rejected() {
        assertThatThrownBy(() -> KFold.shuffled(5, 1).split(numbered(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("5 folds need at least 5 rows but the data has 3");
    }

    @Test
    void a_class_smaller_than_k_is_rejected_naming_it() {
        assertThatThrownBy(() -> KFold.stratified(3, 1).split(classes(0, 0, 0, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 1.0 of target 'label' has 2 rows but 3-fold stratification needs at least 3"
                        + " rows per class");
    }

    @Test
    void a_fold_needs_a_valid_index_and_both_parts() {
        Dataset data = numbered(2);
        assertThatThrownBy(() -> new Fold(-1, data, data)).hasMessage("fold index must be >= 0 but was -1");
        assertThatThrownBy(() -> new Fold(0, null, data)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void to_string_names_the_kind() {
        assertThat(KFold.shuffled(5, 42)).hasToString("KFold[5, SHUFFLED, seed 42]");
        assertThat(KFold.ordered(3)).hasToString("KFold[3, ORDERED]");
    }
}
