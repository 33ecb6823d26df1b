package io.maas.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.model.Estimator;
import io.maas.model.LinearRegression;
import io.maas.model.LogisticRegression;
import io.maas.model.Model;
import io.maas.solver.GradientDescent;
import io.maas.solver.LeastSquares;
import io.maas.solver.Precision;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every model keeps: deterministic fits, training data untouched, finite predictions, and clear errors on
 * rows of the wrong width or with NaN or infinities. New models join by adding a line to {@link #models()}.
 */
class ModelContractTest {

    private static final Dataset DIABETES = SampleData.diabetes();
    private static final Dataset LABELLED = labelled();

    /** Diabetes with the target turned into a label: progression above its median. */
    private static Dataset labelled() {
        double[] y = DIABETES.target();
        double[] sorted = y.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double[] labels = new double[y.length];
        double[][] x = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            labels[i] = y[i] > median ? 1 : 0;
            x[i] = DIABETES.row(i);
        }
        return Dataset.of(DIABETES.featureNames(), x, "high", labels);
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(LinearRegression.leastSquares(), DIABETES),
                Arguments.of(LinearRegression.leastSquares(LeastSquares.builder().precision(Precision.DOUBLE).build()),
                        DIABETES),
                Arguments.of(LinearRegression.leastSquares(LeastSquares.builder().ridge(2.0).build()), DIABETES),
                Arguments.of(LinearRegression.gradientDescent(GradientDescent.builder().maxIterations(500).build()),
                        DIABETES),
                Arguments.of(LogisticRegression.l2(0.5), LABELLED));
    }

    @ParameterizedTest
    @MethodSource("models")
    void fitting_twice_gives_bit_identical_predictions(Estimator estimator, Dataset data) {
        Model first = estimator.fit(data);
        Model second = estimator.fit(data);

        assertThat(second.predict(data)).isEqualTo(first.predict(data));
    }

    @ParameterizedTest
    @MethodSource("models")
    void the_training_data_is_not_modified_and_predictions_are_finite(Estimator estimator, Dataset data) {
        double[] features = data.featuresRowMajor();
        double[] target = data.target();

        Model model = estimator.fit(data);

        assertThat(data.featuresRowMajor()).isEqualTo(features);
        assertThat(data.target()).isEqualTo(target);
        assertThat(java.util.Arrays.stream(model.predict(data)).allMatch(Double::isFinite)).isTrue();
        assertThat(model.featureNames()).isEqualTo(data.featureNames());
    }

    @ParameterizedTest
    @MethodSource("models")
    void bad_rows_get_a_clear_error(Estimator estimator, Dataset data) {
        Model model = estimator.fit(data);
        double[] nan = data.row(0);
        nan[2] = Double.NaN;
        double[] infinite = data.row(0);
        infinite[0] = Double.NEGATIVE_INFINITY;

        assertThatThrownBy(() -> model.predict(new double[11]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a row has 11 values but the model expects 10 features");
        assertThatThrownBy(() -> model.predict(nan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row value 2 ('bmi') is NaN");
        assertThatThrownBy(() -> model.predict(infinite))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row value 0 ('age') is -Infinity");
    }

    @ParameterizedTest
    @MethodSource("models")
    void returned_arrays_are_copies(Estimator estimator, Dataset data) {
        Model model = estimator.fit(data);
        double before = model.predict(data.row(0));

        List<String> names = model.featureNames();
        assertThatThrownBy(() -> names.set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        double[] history = model.diagnostics().costHistory();
        if (history.length > 0) {
            history[0] = -1;
            assertThat(model.diagnostics().costHistory()[0]).isNotEqualTo(-1);
        }
        assertThat(model.predict(data.row(0))).isEqualTo(before);
    }
}
