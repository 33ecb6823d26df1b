package io.maas.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maas.data.CsvFormat;
import io.maas.data.Dataset;
import io.maas.model.LinearRegression;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Pipeline;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ImputeTest {

    // a: 1, NA, 3, 4 (mean 8/3, median 3, mode tie -> smallest 1); b: 2, 2, NA, 5 (mean 3, median 2, mode 2)
    private static final String CSV = "a,b,y\n1,2,10\nNA,2,11\n3,,12\n4,5,13\n";

    private static Dataset data() throws IOException {
        return CsvFormat.defaults().read(new StringReader(CSV), "impute.csv");
    }

    private static double[] fill(Imputer imputer) {
        return imputer.fillValues();
    }

    @Test
    void each_strategy_learns_its_fill_values_from_the_present_values() throws IOException {
        Dataset data = data();

        assertThat(fill((Imputer) Impute.mean().fit(data))).containsExactly(8.0 / 3.0, 3.0);
        assertThat(fill((Imputer) Impute.median().fit(data))).containsExactly(3.0, 2.0);
        assertThat(fill((Imputer) Impute.mostFrequent().fit(data))).containsExactly(1.0, 2.0);
        assertThat(fill((Imputer) Impute.constant(-1).fit(data))).containsExactly(-1.0, -1.0);
    }

    @Test
    void a_model_without_an_imputer_fails_at_fit_naming_the_column_and_count() throws IOException {
        Dataset data = data();
        Pipeline plain = Pipeline.builder().model(LinearRegression.leastSquares()).build();

        assertThatThrownBy(() -> plain.fit(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'a' has 1 missing value (row 1)")
                .hasMessageContaining("column 'b' has 1 missing value (row 2)");
    }

    @Test
    void a_pipeline_with_an_imputer_fits_and_fills_missing_values_at_predict() throws IOException {
        FittedPipeline model = Pipeline.builder()
                .preprocess(Impute.median(), Scale.standard())
                .model(LinearRegression.leastSquares())
                .build()
                .fit(data());

        double withMissing = model.predict(new double[] {Double.NaN, 5});
        double withMedian = model.predict(new double[] {3, 5});

        assertThat(withMissing).isEqualTo(withMedian);
        assertThatThrownBy(() -> model.predict(new double[] {Double.POSITIVE_INFINITY, 5}))
                .hasMessageContaining("row value 0 ('a') is Infinity");
    }

    @Test
    void a_column_with_no_value_cannot_be_imputed_from_data() {
        Dataset empty = Dataset.builder()
                .features(java.util.List.of("a"), new double[][] {{Double.NaN}, {Double.NaN}})
                .nanPolicy(io.maas.data.NanPolicy.MISSING)
                .target("y", new double[] {1, 2})
                .build();

        assertThatThrownBy(() -> Impute.mean().fit(empty))
                .hasMessageContaining("column 'a' has no value in the 2 training rows");
        assertThat(fill((Imputer) Impute.constant(0).fit(empty))).containsExactly(0.0);
        assertThatThrownBy(() -> Impute.constant(Double.NaN)).hasMessageContaining("must be finite");
    }
}
