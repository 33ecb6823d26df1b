package io.maas.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.data.TrainTestSplit;
import io.maas.model.LinearRegression;
import io.maas.solver.Reference;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {

    /** See LeastSquaresTest.RELATIVE for why 1e-9 relative is both safe and strict here. */
    private static final double RELATIVE = 1e-9;

    private static void assertRelativelyClose(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected))
                .as("%s: %s vs reference %s", what, actual, expected)
                .isLessThanOrEqualTo(RELATIVE * Math.abs(expected));
    }

    @Test
    void fit_then_evaluate_on_the_reference_split_matches_scikit_learn_test_metrics() {
        JsonNode expected = Reference.json("diabetes.json").get("ols_train");
        TrainTestSplit split = TrainTestSplit.firstRows(SampleData.diabetes(), 354);

        FittedPipeline model = Pipeline.builder().model(LinearRegression.leastSquares()).build().fit(split.train());
        Evaluation evaluation = model.evaluate(split.test());

        assertThat(evaluation.rows()).isEqualTo(88);
        assertRelativelyClose(evaluation.value(Metric.MSE), expected.get("test_mse").asDouble(), "test MSE");
        assertRelativelyClose(evaluation.value(Metric.RMSE), expected.get("test_rmse").asDouble(), "test RMSE");
        assertRelativelyClose(evaluation.value(Metric.MAE), expected.get("test_mae").asDouble(), "test MAE");
        assertRelativelyClose(evaluation.value(Metric.R2), expected.get("test_r2").asDouble(), "test R²");
        double[] firstPredictions = Reference.doubles(expected.get("test_predictions_first5"));
        for (int i = 0; i < firstPredictions.length; i++) {
            assertRelativelyClose(model.predict(split.test().row(i)), firstPredictions[i], "prediction " + i);
        }
    }

    @Test
    void batch_predict_equals_row_by_row_predict() {
        Dataset data = SampleData.diabetes();
        FittedPipeline model = Pipeline.builder().model(LinearRegression.leastSquares()).build().fit(data);

        double[] batch = model.predict(data);

        for (int i = 0; i < data.rowCount(); i++) {
            assertThat(batch[i]).isEqualTo(model.predict(data.row(i)));
        }
    }

    @Test
    void build_without_a_model_is_rejected() {
        assertThatThrownBy(() -> Pipeline.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a model");
    }

    @Test
    void predict_rejects_a_row_of_the_wrong_width_or_with_nan() {
        FittedPipeline model = Pipeline.builder().model(LinearRegression.leastSquares()).build()
                .fit(SampleData.diabetes());

        assertThatThrownBy(() -> model.predict(new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a row has 3 values but the pipeline expects 10 features");
        double[] row = SampleData.diabetes().row(0);
        row[2] = Double.NaN;
        assertThatThrownBy(() -> model.predict(row))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row value 2 ('bmi') is NaN");
    }

    @Test
    void evaluate_rejects_data_with_other_features() {
        FittedPipeline model = Pipeline.builder().model(LinearRegression.leastSquares()).build()
                .fit(SampleData.diabetes());
        Dataset other = Dataset.of(List.of("a"), new double[][] {{1}}, "progression", new double[] {1});

        assertThatThrownBy(() -> model.evaluate(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the data has features [a] but the pipeline was fitted on [age, sex");
    }

    @Test
    void the_unfitted_pipeline_is_reusable_and_fits_are_independent() {
        Pipeline pipeline = Pipeline.builder().model(LinearRegression.leastSquares()).build();
        TrainTestSplit split = TrainTestSplit.shuffled(SampleData.diabetes(), 0.8, 42);

        FittedPipeline first = pipeline.fit(split.train());
        FittedPipeline second = pipeline.fit(split.test());

        assertThat(first.trainingRows()).isEqualTo(354);
        assertThat(second.trainingRows()).isEqualTo(88);
        assertThat(first.predict(split.test().row(0))).isNotEqualTo(second.predict(split.test().row(0)));
    }
}
