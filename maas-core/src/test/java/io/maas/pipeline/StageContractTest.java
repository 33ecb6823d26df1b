package io.maas.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.features.Polynomial;
import io.maas.model.LinearRegression;
import io.maas.preprocess.Columns;
import io.maas.preprocess.Impute;
import io.maas.preprocess.Scale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every stage keeps: deterministic, inputs untouched, output width as declared, and bad rows rejected
 * with a clear message by the pipeline around it. New stages join by adding a line to {@link #stages()}.
 */
class StageContractTest {

    static Stream<Arguments> stages() {
        return Stream.of(
                Arguments.of(Impute.mean()),
                Arguments.of(Impute.mostFrequent()),
                Arguments.of(Scale.standard()),
                Arguments.of(Scale.minMax()),
                Arguments.of(Columns.select("bmi", "bp", "s5")),
                Arguments.of(Columns.drop("sex")),
                Arguments.of(Polynomial.degree(2)),
                Arguments.of(Polynomial.degree(3).interactionOnly()));
    }

    private final Dataset diabetes = SampleData.diabetes();

    @ParameterizedTest
    @MethodSource("stages")
    void fitting_twice_gives_identical_transforms(Stage stage) {
        FittedStage first = stage.fit(diabetes);
        FittedStage second = stage.fit(diabetes);

        assertThat(second.outputNames()).isEqualTo(first.outputNames());
        Dataset a = first.transform(diabetes);
        Dataset b = second.transform(diabetes);
        assertThat(b.featuresRowMajor()).isEqualTo(a.featuresRowMajor());
    }

    @ParameterizedTest
    @MethodSource("stages")
    void the_input_row_and_the_training_data_are_not_modified(Stage stage) {
        double[] features = diabetes.featuresRowMajor();
        FittedStage fitted = stage.fit(diabetes);
        double[] row = diabetes.row(5);
        double[] copy = row.clone();

        fitted.transform(row, new double[fitted.outputNames().size()]);

        assertThat(row).isEqualTo(copy);
        assertThat(diabetes.featuresRowMajor()).isEqualTo(features);
    }

    @ParameterizedTest
    @MethodSource("stages")
    void it_writes_exactly_the_declared_width_and_reads_the_training_columns(Stage stage) {
        FittedStage fitted = stage.fit(diabetes);
        double[] output = new double[fitted.outputNames().size() + 1];
        output[output.length - 1] = 12345.0;

        fitted.transform(diabetes.row(0), output);

        assertThat(fitted.inputNames()).isEqualTo(diabetes.featureNames());
        assertThat(output[output.length - 1]).as("nothing written past the declared width").isEqualTo(12345.0);
        for (int k = 0; k < output.length - 1; k++) {
            assertThat(output[k]).isFinite();
        }
    }

    @ParameterizedTest
    @MethodSource("stages")
    void a_pipeline_with_the_stage_rejects_wrong_width_and_nan_with_a_clear_message(Stage stage) {
        FittedPipeline pipeline = Pipeline.builder().preprocess(stage).model(LinearRegression.leastSquares()).build()
                .fit(diabetes);
        double[] nan = diabetes.row(0);
        nan[3] = Double.NaN;

        assertThatThrownBy(() -> pipeline.predict(new double[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a row has 4 values but the pipeline expects 10 features");
        if (pipeline.stages().get(0).acceptsMissing()) {
            assertThat(pipeline.predict(nan)).isFinite(); // an imputer fills it
        } else {
            assertThatThrownBy(() -> pipeline.predict(nan))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row value 3 ('bp') is NaN");
        }
    }
}
