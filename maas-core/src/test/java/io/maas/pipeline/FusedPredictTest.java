package io.maas.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.model.LinearRegression;
import io.maas.preprocess.Scale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pipeline of one scaler and a linear model predicts a row in one fused loop; it must give the bits that the
 * stage and the model give one after the other, and the same errors.
 */
class FusedPredictTest {

    private static FittedPipeline fitted(String scaler) {
        return Pipeline.builder()
                .preprocess(scaler.equals("standard") ? Scale.standard() : Scale.minMax())
                .model(LinearRegression.leastSquares())
                .build()
                .fit(SampleData.diabetes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "minmax"})
    void fused_prediction_has_the_bits_of_the_stage_then_the_model(String scaler) {
        FittedPipeline model = fitted(scaler);
        Dataset data = SampleData.diabetes();
        double[] scaled = new double[data.featureCount()];

        for (int i = 0; i < data.rowCount(); i++) {
            double[] row = data.row(i);
            model.stages().get(0).transform(row, scaled);
            double expected = model.model().predict(scaled);

            assertThat(Double.doubleToRawLongBits(model.predict(row))).as("row %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "minmax"})
    void an_overflowing_row_gets_the_models_error(String scaler) {
        FittedPipeline model = fitted(scaler);
        double[] row = SampleData.diabetes().row(0);
        row[2] = 1e308;

        assertThatThrownBy(() -> model.predict(row)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the prediction overflows a double for the row");
    }
}
