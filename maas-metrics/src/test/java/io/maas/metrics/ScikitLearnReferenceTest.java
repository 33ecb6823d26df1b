package io.maas.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value in metrics.json (scikit-learn 1.2.1) is reproduced: scalars to 1e-12 relative, confusion matrices
 * exactly. A value added to the file without a check here fails {@link #every_value_in_the_file_is_checked}.
 */
class ScikitLearnReferenceTest {

    // 1e-12 relative: both sides evaluate the same formula on fewer than 100 short decimals, so each is within a
    // few ulps (~1e-15) of the exact value; 1e-12 leaves room for summation order and nothing else.
    private static final double RELATIVE = 1e-12;

    private static final JsonNode REFERENCE = Reference.metrics();
    private static final Set<String> INPUTS = Set.of("y_true", "y_pred", "y_score", "positive_label");

    private static final JsonNode REGRESSION = REFERENCE.get("regression");
    private static final double[] ACTUAL = Reference.doubles(REGRESSION.get("y_true"));
    private static final double[] PREDICTED = Reference.doubles(REGRESSION.get("y_pred"));

    private static final JsonNode BINARY = REFERENCE.get("binary");
    private static final int[] BINARY_ACTUAL = Reference.ints(BINARY.get("y_true"));
    private static final int[] BINARY_PREDICTED = Reference.ints(BINARY.get("y_pred"));
    private static final double[] BINARY_SCORES = Reference.doubles(BINARY.get("y_score"));
    private static final int POSITIVE = BINARY.get("positive_label").intValue();

    private static final JsonNode MULTICLASS = REFERENCE.get("multiclass");
    private static final int[] MULTI_ACTUAL = Reference.ints(MULTICLASS.get("y_true"));
    private static final int[] MULTI_PREDICTED = Reference.ints(MULTICLASS.get("y_pred"));

    /** Section -> key -> how we compute that value. */
    private static Map<String, Map<String, Supplier<Object>>> computations() {
        Map<String, Supplier<Object>> regression = new LinkedHashMap<>();
        regression.put("mse", () -> RegressionMetrics.meanSquaredError(ACTUAL, PREDICTED));
        regression.put("rmse", () -> RegressionMetrics.rootMeanSquaredError(ACTUAL, PREDICTED));
        regression.put("mae", () -> RegressionMetrics.meanAbsoluteError(ACTUAL, PREDICTED));
        regression.put("r2", () -> RegressionMetrics.r2(ACTUAL, PREDICTED));
        regression.put("explained_variance", () -> RegressionMetrics.explainedVariance(ACTUAL, PREDICTED));
        regression.put("max_error", () -> RegressionMetrics.maxError(ACTUAL, PREDICTED));
        regression.put("median_absolute_error", () -> RegressionMetrics.medianAbsoluteError(ACTUAL, PREDICTED));

        Map<String, Supplier<Object>> binary = new LinkedHashMap<>();
        binary.put("accuracy", () -> ClassificationMetrics.accuracy(BINARY_ACTUAL, BINARY_PREDICTED));
        binary.put("precision", () -> ClassificationMetrics.precision(BINARY_ACTUAL, BINARY_PREDICTED, POSITIVE));
        binary.put("recall", () -> ClassificationMetrics.recall(BINARY_ACTUAL, BINARY_PREDICTED, POSITIVE));
        binary.put("f1", () -> ClassificationMetrics.f1(BINARY_ACTUAL, BINARY_PREDICTED, POSITIVE));
        binary.put("confusion_matrix_rows_actual_0_1",
                () -> ClassificationMetrics.confusionMatrix(BINARY_ACTUAL, BINARY_PREDICTED).counts());
        binary.put("roc_auc", () -> ClassificationMetrics.rocAuc(BINARY_ACTUAL, BINARY_SCORES, POSITIVE));
        binary.put("log_loss", () -> ClassificationMetrics.logLoss(BINARY_ACTUAL, BINARY_SCORES, POSITIVE));

        Map<String, Supplier<Object>> multiclass = new LinkedHashMap<>();
        multiclass.put("accuracy", () -> ClassificationMetrics.accuracy(MULTI_ACTUAL, MULTI_PREDICTED));
        for (Average average : Average.values()) {
            String suffix = "_" + average.name().toLowerCase(Locale.ROOT);
            multiclass.put("precision" + suffix,
                    () -> ClassificationMetrics.precision(MULTI_ACTUAL, MULTI_PREDICTED, average));
            multiclass.put("recall" + suffix,
                    () -> ClassificationMetrics.recall(MULTI_ACTUAL, MULTI_PREDICTED, average));
            multiclass.put("f1" + suffix, () -> ClassificationMetrics.f1(MULTI_ACTUAL, MULTI_PREDICTED, average));
        }
        multiclass.put("confusion_matrix",
                () -> ClassificationMetrics.confusionMatrix(MULTI_ACTUAL, MULTI_PREDICTED).counts());

        return Map.of("regression", regression, "binary", binary, "multiclass", multiclass);
    }

    static Stream<Arguments> referenceValues() {
        Map<String, Map<String, Supplier<Object>>> computations = computations();
        Stream.Builder<Arguments> values = Stream.builder();
        computations.forEach((section, keys) -> keys.forEach((key, computation) ->
                values.add(Arguments.of(section + "." + key, REFERENCE.get(section).get(key), computation))));
        return values.build();
    }

    @Test
    void every_value_in_the_file_is_checked() {
        Map<String, Map<String, Supplier<Object>>> computations = computations();
        int checked = 0;
        for (Map.Entry<String, JsonNode> section : REFERENCE.properties()) {
            if (!section.getValue().isObject()) {
                continue; // "generated_by"
            }
            assertThat(computations).as("sections checked").containsKey(section.getKey());
            for (Map.Entry<String, JsonNode> field : section.getValue().properties()) {
                String key = field.getKey();
                if (!INPUTS.contains(key)) {
                    assertThat(computations.get(section.getKey())).as("keys of " + section.getKey())
                            .containsKey(key);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(computations.values().stream().mapToInt(Map::size).sum());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceValues")
    void value_matches_scikit_learn(String name, JsonNode expected, Supplier<Object> computation) {
        Object computed = computation.get();
        if (expected.isArray()) {
            assertThat((long[][]) computed).as(name).isDeepEqualTo(Reference.matrix(expected));
        } else {
            assertRelativelyClose(name, (Double) computed, expected.doubleValue());
        }
    }

    @Test
    void accumulator_reproduces_the_regression_values_pair_by_pair_in_chunks_and_merged() {
        RegressionAccumulator pairByPair = new RegressionAccumulator();
        for (int i = 0; i < ACTUAL.length; i++) {
            pairByPair.add(ACTUAL[i], PREDICTED[i]);
        }
        RegressionAccumulator chunked = new RegressionAccumulator();
        for (int from = 0; from < ACTUAL.length; from += 7) {
            int to = Math.min(from + 7, ACTUAL.length);
            chunked.addAll(Arrays.copyOfRange(ACTUAL, from, to),
                    Arrays.copyOfRange(PREDICTED, from, to));
        }
        int half = ACTUAL.length / 2;
        RegressionAccumulator merged = new RegressionAccumulator()
                .addAll(Arrays.copyOfRange(ACTUAL, 0, half), Arrays.copyOfRange(PREDICTED, 0, half))
                .merge(new RegressionAccumulator().addAll(Arrays.copyOfRange(ACTUAL, half, ACTUAL.length),
                        Arrays.copyOfRange(PREDICTED, half, ACTUAL.length)));

        for (RegressionAccumulator accumulator : new RegressionAccumulator[] {pairByPair, chunked, merged}) {
            RegressionScores scores = accumulator.scores();
            assertThat(scores.count()).isEqualTo(ACTUAL.length);
            assertRelativelyClose("mse", scores.mse(), REGRESSION.get("mse").doubleValue());
            assertRelativelyClose("rmse", scores.rmse(), REGRESSION.get("rmse").doubleValue());
            assertRelativelyClose("mae", scores.mae(), REGRESSION.get("mae").doubleValue());
            assertRelativelyClose("r2", scores.r2(), REGRESSION.get("r2").doubleValue());
            assertRelativelyClose("explained_variance", scores.explainedVariance(),
                    REGRESSION.get("explained_variance").doubleValue());
            assertRelativelyClose("max_error", scores.maxError(), REGRESSION.get("max_error").doubleValue());
        }
    }

    @Test
    void weights_of_one_reproduce_the_unweighted_values() {
        double[] ones = new double[ACTUAL.length];
        Arrays.fill(ones, 1.0);

        RegressionScores scores = RegressionMetrics.score(ACTUAL, PREDICTED, ones);

        assertRelativelyClose("mse", scores.mse(), REGRESSION.get("mse").doubleValue());
        assertRelativelyClose("mae", scores.mae(), REGRESSION.get("mae").doubleValue());
        assertRelativelyClose("r2", scores.r2(), REGRESSION.get("r2").doubleValue());
        assertRelativelyClose("explained_variance", scores.explainedVariance(),
                REGRESSION.get("explained_variance").doubleValue());
    }

    static void assertRelativelyClose(String name, double actual, double expected) {
        assertThat(Math.abs(actual - expected)).as("%s: %s against scikit-learn's %s", name, actual, expected)
                .isLessThanOrEqualTo(RELATIVE * Math.abs(expected));
    }
}
