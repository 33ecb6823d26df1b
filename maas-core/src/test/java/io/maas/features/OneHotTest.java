package io.maas.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.maas.data.Dataset;
import io.maas.model.LinearRegression;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Pipeline;
import io.maas.preprocess.Impute;
import io.maas.preprocess.Scale;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneHotTest {

    /** y = 2x + 10 in Paris, 2x + 20 in Rome, 2x + 30 in Oslo: exact, so the fit recovers it. */
    private static Dataset cities() {
        String[] city = {"Paris", "Rome", "Oslo"};
        int n = 12;
        double[][] x = new double[n][1];
        double[] y = new double[n];
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            c[i] = city[i % 3];
            y[i] = 2 * i + 10 * (1 + i % 3);
        }
        return Dataset.builder().features(List.of("x"), x).categorical("city", Arrays.asList(c)).target("y", y)
                .build();
    }

    private static Map<String, Object> row(double x, String city) {
        Map<String, Object> row = new HashMap<>();
        row.put("x", x);
        row.put("city", city);
        return row;
    }

    @Test
    void levels_are_sorted_columns_are_named_and_the_fit_is_exact() {
        FittedPipeline model = Pipeline.builder()
                .features(OneHot.encode())
                .model(LinearRegression.leastSquares(io.maas.solver.LeastSquares.builder()
                        .rankPolicy(io.maas.solver.RankPolicy.MINIMUM_NORM).build()))
                .build()
                .fit(cities());

        OneHotEncoder encoder = (OneHotEncoder) model.stages().get(0);
        assertThat(encoder.outputNames()).containsExactly("x", "city=Oslo", "city=Paris", "city=Rome");
        assertThat(model.categoricalNames()).containsExactly("city");
        assertThat(model.predict(row(100, "Rome"))).isCloseTo(220.0, within(1e-9));
        assertThat(model.predict(row(100, "Oslo"))).isCloseTo(230.0, within(1e-9));
    }

    @Test
    void categories_travel_past_numeric_stages_to_the_encoder() {
        FittedPipeline model = Pipeline.builder()
                .preprocess(Impute.mean(), Scale.standard())
                .features(OneHot.encode())
                .model(LinearRegression.leastSquares(io.maas.solver.LeastSquares.builder().ridge(1e-9).build()))
                .build()
                .fit(cities());

        assertThat(model.predict(row(5, "Paris"))).isCloseTo(20.0, within(1e-6));
    }

    @Test
    void an_unknown_category_is_an_error_by_default_and_zeros_when_ignored() {
        Pipeline strict = Pipeline.builder().features(OneHot.encode())
                .model(LinearRegression.leastSquares(io.maas.solver.LeastSquares.builder().ridge(1e-6).build()))
                .build();
        Pipeline lenient = Pipeline.builder().features(OneHot.encode().ignoreUnknown())
                .model(LinearRegression.leastSquares(io.maas.solver.LeastSquares.builder().ridge(1e-6).build()))
                .build();

        assertThatThrownBy(() -> strict.fit(cities()).predict(row(1, "Lyon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("categorical column 'city': 'Lyon' was not seen in training (levels [Oslo, "
                        + "Paris, Rome])");
        assertThat(lenient.fit(cities()).predict(row(1, "Lyon"))).isFinite();
    }

    @Test
    void a_model_without_an_encoder_names_the_categorical_column_and_rows_must_use_names() {
        Pipeline plain = Pipeline.builder().model(LinearRegression.leastSquares()).build();

        assertThatThrownBy(() -> plain.fit(cities()))
                .hasMessageContaining("column 'city' is categorical (3 levels)");
        FittedPipeline model = Pipeline.builder().features(OneHot.encode())
                .model(LinearRegression.leastSquares(io.maas.solver.LeastSquares.builder().ridge(1e-6).build()))
                .build().fit(cities());
        assertThatThrownBy(() -> model.predict(new double[] {1}))
                .hasMessageContaining("also reads the categorical columns [city]; pass the row by name");
        assertThatThrownBy(() -> model.predict(Map.of("x", 1.0, "city", 3)))
                .hasMessageContaining("column 'city' is categorical but the row has 3");
        assertThatThrownBy(() -> model.predict(Map.of("x", 1.0)))
                .hasMessageContaining("the row has no value for categorical column 'city'");
    }
}
