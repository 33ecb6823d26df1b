package io.maas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetTest {

    /** Five rows; "bmi" is missing in rows 1 and 3. */
    private static Dataset withGaps() {
        double nan = Double.NaN;
        return Dataset.builder()
                .features(List.of("age", "bmi"), new double[] {50, 20, 60, nan, 70, 30, 80, nan, 90, 40})
                .categorical("city", List.of("Oslo", "Rome", "Oslo", "Lima", "Rome"))
                .target("y", new double[] {1, 2, 3, 4, 5})
                .nanPolicy(NanPolicy.MISSING)
                .build();
    }

    @Nested
    class FromArrays {

        @Test
        void of_copies_the_arrays_in_and_out() {
            double[][] x = {{1, 2}, {3, 4}};
            double[] y = {5, 6};

            Dataset data = Dataset.of(List.of("a", "b"), x, "y", y);
            x[0][0] = 99;
            y[0] = 99;
            data.row(0)[0] = 77;
            data.target()[0] = 77;
            data.featuresRowMajor()[0] = 77;

            assertThat(data.row(0)).containsExactly(1, 2);
            assertThat(data.target(0)).isEqualTo(5);
            assertThat(data.featuresRowMajor()).containsExactly(1, 2, 3, 4);
        }

        @Test
        void of_rejects_ragged_rows_and_non_finite_values_naming_the_place() {
            assertThatThrownBy(() -> Dataset.of(List.of("a", "b"), new double[][] {{1, 2}, {3}}, "y", new double[2]))
                    .hasMessageContaining("features row 1 has 1 values but there are 2 feature names");
            assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[][] {{1}, {Double.NaN}}, "y", new double[2]))
                    .hasMessageContaining("row 1, column 'a': NaN is not a finite number");
            assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[][] {{1}}, "y",
                    new double[] {Double.POSITIVE_INFINITY}))
                    .hasMessageContaining("row 0, target 'y': Infinity is not a finite number");
            assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[0][], "y", new double[0]))
                    .hasMessageContaining("needs at least one row");
            assertThatThrownBy(() -> Dataset.of(List.of(), new double[][] {{}}, "y", new double[1]))
                    .hasMessage("a dataset needs at least one feature column but has none");
            assertThatThrownBy(() -> Dataset.of(List.of("a"), new double[][] {{1}, {2}}, "y", new double[3]))
                    .hasMessage("features has 2 rows but target has 3 values");
        }

        @Test
        void names_must_be_distinct_and_not_blank() {
            double[][] x = {{1, 2}};
            assertThatThrownBy(() -> Dataset.of(List.of("a", "a"), x, "y", new double[1]))
                    .hasMessage("feature name 'a' appears more than once");
            assertThatThrownBy(() -> Dataset.of(List.of("a", " "), x, "y", new double[1]))
                    .hasMessageContaining("feature names must not be blank");
            assertThatThrownBy(() -> Dataset.of(List.of("a", "y"), x, "y", new double[1]))
                    .hasMessage("'y' is both a feature and the target");
            assertThatThrownBy(() -> Dataset.builder().features(List.of("a"), new double[] {1})
                    .categorical("a", List.of("u")).target("y", new double[1]).build())
                    .hasMessage("'a' is both a numeric and a categorical column");
        }

        @Test
        void row_major_features_are_cut_into_rows_of_p() {
            Dataset data = Dataset.builder()
                    .features(List.of("a", "b", "c"), new double[] {1, 2, 3, 4, 5, 6})
                    .target("y", new double[] {7, 8})
                    .build();

            assertThat(data.rowCount()).isEqualTo(2);
            assertThat(data.row(1)).containsExactly(4, 5, 6);
            assertThat(data.feature(0, 2)).isEqualTo(3);
        }

        @Test
        void row_major_features_must_be_whole_rows() {
            assertThatThrownBy(() -> Dataset.builder().features(List.of("a", "b"), new double[] {1, 2, 3}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("features has 3 values, which is not a whole number of rows of 2 feature names");
        }

        @ParameterizedTest
        @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void infinities_are_rejected_whatever_the_nan_policy(double bad) {
            assertThatThrownBy(() -> Dataset.builder().features(List.of("a"), new double[] {1, bad})
                    .target("y", new double[2]).nanPolicy(NanPolicy.MISSING).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("row 1, column 'a': " + bad + " is not a finite number");
        }

        @Test
        void nan_is_missing_under_the_missing_policy_and_an_error_by_default() {
            DatasetBuilder builder = Dataset.builder()
                    .features(List.of("a", "b"), new double[] {1, Double.NaN, 3, 4})
                    .target("y", new double[2]);

            assertThatThrownBy(builder::build).hasMessage("row 0, column 'b': NaN is not a finite number");
            Dataset data = builder.nanPolicy(NanPolicy.MISSING).build();
            assertThat(data.isMissing(0, 1)).isTrue();
            assertThat(data.isMissing(1, 1)).isFalse();
            assertThat(data.missingCounts()).containsExactly(Map.entry("b", 1));
        }

        @Test
        void a_builder_needs_a_target_and_stays_reusable() {
            DatasetBuilder builder = Dataset.builder().features(List.of("a"), new double[] {1, 2});
            assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("needs a target");

            Dataset first = builder.target("y", new double[] {1, 2}).build();
            Dataset second = builder.target("y", new double[] {3, 4}).build();

            assertThat(first.target()).containsExactly(1, 2);
            assertThat(second.target()).containsExactly(3, 4);
        }

        @Test
        void categorical_columns_keep_strings_with_levels_in_first_seen_order() {
            Dataset data = withGaps();

            assertThat(data.categoricalNames()).containsExactly("city");
            assertThat(data.categories(0)).containsExactly("Oslo", "Rome", "Lima");
            assertThat(data.categoryCode(3, 0)).isEqualTo(2);
            assertThat(data.category(4, 0)).contains("Rome");
        }

        @Test
        void categorical_columns_alone_are_enough() {
            Dataset data = Dataset.builder().categorical("c", List.of("u", "v")).target("y", new double[2]).build();

            assertThat(data.featureCount()).isZero();
            assertThat(data.row(1)).isEmpty();
            assertThat(data.categoricalCount()).isEqualTo(1);
        }

        @Test
        void every_part_must_have_one_value_per_row() {
            assertThatThrownBy(() -> Dataset.builder().categorical("c", List.of("u")).target("y", new double[2])
                    .build()).hasMessage("categorical column 'c' has 1 values but target has 2");
            assertThatThrownBy(() -> Dataset.builder().features(List.of("a"), new double[] {1, 2})
                    .weights(new double[] {1}).target("y", new double[2]).build())
                    .hasMessage("weights has 1 values but target has 2");
        }
    }

    @Nested
    class Rebuilding {

        @Test
        void to_builder_builds_an_equal_dataset_also_from_a_view() throws IOException {
            Dataset data = CsvFormat.builder().categorical("c").build().read(new StringReader(
                    "a,c,y\n1,u,1\nNA,NA,2\n3,v,3\n"), "t.csv").withWeights(new double[] {1, 2, 3});
            Dataset view = data.rows(new int[] {2, 1});

            Dataset copy = view.toBuilder().build();

            assertThat(copy.featuresRowMajor()).containsExactly(3, Double.NaN);
            assertThat(copy.categoryCodes(0)).containsExactly(1, Dataset.MISSING_CATEGORY);
            assertThat(copy.categories(0)).containsExactly("u", "v");
            assertThat(copy.target()).containsExactly(3, 2);
            assertThat(copy.weights()).hasValueSatisfying(w -> assertThat(w).containsExactly(3, 2));
            assertThat(copy.missingCounts()).isEqualTo(view.missingCounts());
            assertThat(copy).hasToString(view.toString());
        }

        @Test
        void an_imputer_replaces_the_numeric_features_and_keeps_the_rest() {
            Dataset data = withGaps();
            double[] imputed = data.featuresRowMajor();
            for (int k = 0; k < imputed.length; k++) {
                imputed[k] = Double.isNaN(imputed[k]) ? 30 : imputed[k];
            }

            Dataset complete = data.toBuilder().features(data.featureNames(), imputed).build();

            complete.requireComplete();
            assertThat(complete.row(1)).containsExactly(60, 30);
            assertThat(complete.categoryCodes(0)).isEqualTo(data.categoryCodes(0));
        }

        @Test
        void an_encoder_adds_numeric_columns_and_clears_the_categorical_ones() {
            Dataset data = withGaps();
            List<String> levels = data.categories(0);
            int[] codes = data.categoryCodes(0);
            int p = data.featureCount();
            int width = p + levels.size();
            double[] encoded = new double[data.rowCount() * width];
            for (int i = 0; i < data.rowCount(); i++) {
                data.copyRow(i, encoded, i * width);
                encoded[i * width + p + codes[i]] = 1;
            }
            List<String> names = new java.util.ArrayList<>(data.featureNames());
            levels.forEach(level -> names.add("city=" + level));

            Dataset oneHot = data.toBuilder().clearCategorical().features(names, encoded).build();

            oneHot.requireNumeric();
            assertThat(oneHot.featureNames()).containsExactly("age", "bmi", "city=Oslo", "city=Rome", "city=Lima");
            assertThat(oneHot.row(3)).containsExactly(80, Double.NaN, 0, 0, 1);
            assertThat(oneHot.missingCounts()).containsExactly(Map.entry("bmi", 2));
        }

        @Test
        void codes_must_index_distinct_levels() {
            assertThatThrownBy(() -> Dataset.builder().categorical("c", List.of("u", "v"), new int[] {0, 2}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("categorical column 'c', row 1: code 2 is not a level index in [0, 2) or -1"
                            + " (missing)");
            assertThatThrownBy(() -> Dataset.builder().categorical("c", List.of("u", "u"), new int[] {0}))
                    .hasMessage("the levels of categorical column 'c' repeat: [u, u]");
            assertThatThrownBy(() -> Dataset.builder().categorical("c", List.of("u"), new int[] {0})
                    .categorical("c", List.of("v")))
                    .hasMessage("categorical column 'c' was already added");
        }

        @Test
        void codes_given_to_the_builder_are_copied() {
            int[] codes = {0, -1};
            DatasetBuilder builder = Dataset.builder().categorical("c", List.of("u"), codes).target("y", new double[2]);
            codes[1] = 0;

            assertThat(builder.build().categoryCodes(0)).containsExactly(0, -1);
        }
    }

    @Nested
    class MissingValues {

        @Test
        void counts_are_kept_per_column() {
            Dataset data = withGaps();

            assertThat(data.hasMissing()).isTrue();
            assertThat(data.missingCounts()).containsExactly(Map.entry("bmi", 2));
            assertThat(data.feature(1, 1)).isNaN();
        }

        @Test
        void require_complete_names_the_column_the_count_and_the_rows() {
            assertThatThrownBy(() -> withGaps().requireComplete())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("column 'bmi' has 2 missing values (rows 1, 3); impute them or drop the rows");
        }

        @Test
        void require_complete_lists_several_columns_and_shortens_long_row_lists() throws Exception {
            Dataset data = CsvFormat.builder().categorical("c").build().read(new java.io.StringReader(
                    "a,b,c,y\nNA,1,,1\nNA,NA,u,2\nNA,3,v,3\nNA,4,w,4\nNA,5,x,5\nNA,6,z,6\n"), "gaps.csv");

            assertThatThrownBy(data::requireComplete)
                    .hasMessage("column 'a' has 6 missing values (rows 0, 1, 2, 3, 4, ...), column 'b' has 1 missing"
                            + " value (row 1), column 'c' has 1 missing value (row 0); impute them or drop the rows");
        }

        @Test
        void a_complete_dataset_passes_and_a_complete_view_too() {
            Dataset data = withGaps();

            Dataset complete = data.rows(new int[] {0, 2, 4});

            complete.requireComplete();
            assertThat(complete.hasMissing()).isFalse();
            assertThat(complete.missingCounts()).isEmpty();
            assertThat(data.rows(new int[] {3, 3}).missingCounts()).containsExactly(Map.entry("bmi", 2));
        }

        @Test
        void require_numeric_names_the_categorical_columns() {
            assertThatThrownBy(() -> withGaps().requireNumeric())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("column 'city' is categorical (3 levels); encode it as numbers (one-hot) or drop it");
            SampleData.diabetes().requireNumeric();
            SampleData.diabetes().requireComplete();
        }
    }

    @Nested
    class Views {

        @Test
        void a_view_reads_the_parents_rows_in_its_order() {
            Dataset data = withGaps();

            Dataset view = data.rows(new int[] {4, 0, 4});

            assertThat(view.rowCount()).isEqualTo(3);
            assertThat(view.row(0)).containsExactly(90, 40);
            assertThat(view.row(2)).containsExactly(90, 40);
            assertThat(view.target()).containsExactly(5, 1, 5);
            assertThat(view.featuresRowMajor()).containsExactly(90, 40, 50, 20, 90, 40);
            assertThat(view.category(1, 0)).contains("Oslo");
            assertThat(view.categories(0)).containsExactly("Oslo", "Rome", "Lima");
        }

        @Test
        void a_view_of_a_view_indexes_the_original() {
            Dataset view = withGaps().rows(new int[] {4, 3, 2}).rows(new int[] {2, 0});

            assertThat(view.target()).containsExactly(3, 5);
            double[] destination = new double[4];
            view.copyRow(1, destination, 1);
            assertThat(destination).containsExactly(0, 90, 40, 0);
        }

        @Test
        void copy_rows_copies_consecutive_rows_of_a_table_and_of_a_view() {
            Dataset data = withGaps();
            Dataset view = data.rows(new int[] {4, 0, 4});
            double[] whole = data.featuresRowMajor();
            int p = data.featureCount();

            double[] fromTable = new double[3 * p + 2];
            data.copyRows(1, 3, fromTable, 1);
            double[] fromView = new double[2 * p];
            view.copyRows(1, 2, fromView, 0);

            double[] expected = new double[3 * p + 2];
            System.arraycopy(whole, p, expected, 1, 3 * p);
            assertThat(fromTable).usingElementComparator(Double::compare).containsExactly(expected);
            assertThat(fromView).containsExactly(50, 20, 90, 40);
        }

        @Test
        void copy_rows_checks_the_range_before_copying() {
            Dataset data = withGaps();
            int p = data.featureCount();
            double[] destination = new double[10 * p];

            assertThatThrownBy(() -> data.copyRows(data.rowCount() - 1, 2, destination, 0))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> data.copyRows(0, 2, new double[2 * p - 1], 0))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(destination).containsOnly(0.0);
        }

        @Test
        void copy_row_does_not_allocate() throws ReflectiveOperationException {
            Dataset view = SampleData.diabetes().rows(new int[] {5, 1, 400});
            double[] row = new double[10];
            // Reflection, because the tests run inside module io.maas.core, which does not read java.management.
            Object threads = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean").invoke(null);
            Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getCurrentThreadAllocatedBytes");
            allocatedBytes.invoke(threads);

            long before = (long) allocatedBytes.invoke(threads);
            for (int k = 0; k < 100_000; k++) {
                view.copyRow(k % 3, row, 0);
            }
            long allocated = (long) allocatedBytes.invoke(threads) - before;

            // 100,000 calls that allocated even one small object each would show megabytes.
            assertThat(allocated).as("bytes allocated by 100,000 copyRow calls").isLessThan(10_000);
        }

        @Test
        void indices_are_checked() {
            Dataset data = withGaps();

            assertThatThrownBy(() -> data.rows(new int[] {0, 5})).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> data.rows(new int[] {-1})).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> data.rows(new int[0])).hasMessageContaining("no row index was given");
            assertThatThrownBy(() -> data.rows(new int[] {1}).row(1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> data.copyRow(0, new double[2], 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> data.feature(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> data.categoryCode(0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void the_caller_may_change_the_index_array_afterwards() {
            int[] rows = {0, 1};
            Dataset view = withGaps().rows(rows);
            rows[0] = 4;

            assertThat(view.target(0)).isEqualTo(1);
        }
    }

    @Nested
    class Weights {

        @Test
        void weights_are_optional_and_one_when_absent() {
            Dataset data = withGaps();

            assertThat(data.hasWeights()).isFalse();
            assertThat(data.weights()).isEmpty();
            assertThat(data.weight(2)).isEqualTo(1.0);
        }

        @Test
        void weights_are_copied_and_follow_the_rows_of_a_view() {
            double[] w = {1, 2, 3, 4, 5};
            Dataset weighted = withGaps().withWeights(w);
            w[0] = 100;

            assertThat(weighted.weight(0)).isEqualTo(1);
            assertThat(weighted.rows(new int[] {4, 1}).weights()).hasValueSatisfying(
                    values -> assertThat(values).containsExactly(5, 2));
            assertThat(weighted).hasToString("Dataset[5 rows x 2 features [age, bmi], 1 categorical [city],"
                    + " target y, weighted, missing {bmi=2}]");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0001})
        void a_weight_must_be_finite_and_not_negative(double bad) {
            assertThatThrownBy(() -> withGaps().withWeights(new double[] {1, 1, bad, 1, 1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("weight of row 2 is " + bad + " but weights must be finite and >= 0");
        }

        @Test
        void all_zero_weights_or_the_wrong_count_are_rejected() {
            assertThatThrownBy(() -> withGaps().withWeights(new double[5]))
                    .hasMessage("all 5 weights are 0; at least one must be > 0");
            assertThatThrownBy(() -> withGaps().withWeights(new double[] {1}))
                    .hasMessage("weights has 1 values but the dataset has 5 rows");
        }
    }

    @Test
    void to_string_gives_shape_names_and_missing_counts() {
        assertThat(SampleData.diabetes()).hasToString(
                "Dataset[442 rows x 10 features [age, sex, bmi, bp, s1, s2, s3, s4, s5, s6], target progression]");
        assertThat(withGaps().toString()).endsWith("target y, missing {bmi=2}]");
        String[] names = new String[14];
        for (int j = 0; j < names.length; j++) {
            names[j] = "f" + j;
        }
        Dataset wide = Dataset.builder().features(List.of(names), new double[14]).target("y", new double[1]).build();
        assertThat(wide.toString()).contains("[f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, ... 2 more]");
    }
}
