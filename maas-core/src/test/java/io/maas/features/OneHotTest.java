package io.maas.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.maas.data.Dataset;
import io.maas.model.LinearRegression;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.FittedStage;
import io.maas.pipeline.Metric;
import io.maas.pipeline.Pipeline;
import io.maas.preprocess.Impute;
import io.maas.preprocess.Scale;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    @Test
    void of_rebuilds_the_encoder_a_fit_made_and_ignore_unknown_mirrors_the_option() {
        OneHotEncoder fitted = OneHot.encode().fit(cities());
        OneHotEncoder rebuilt = OneHotEncoder.of(fitted.inputNames(), fitted.categoricalInputNames(),
                fitted.levels());
        double[] expected = new double[4];
        double[] actual = new double[4];

        fitted.transform(new double[] {7}, new String[] {"Rome"}, expected);
        rebuilt.transform(new double[] {7}, new String[] {"Rome"}, actual);

        assertThat(actual).containsExactly(expected);
        assertThat(rebuilt.outputNames()).isEqualTo(fitted.outputNames());
        assertThat(rebuilt.ignoresUnknown()).isFalse();
        assertThat(rebuilt.ignoreUnknown().ignoresUnknown()).isTrue();
        assertThatThrownBy(() -> rebuilt.transform(new double[] {7}, new String[] {"Lyon"}, actual))
                .hasMessageContaining("'Lyon' was not seen in training");
        rebuilt.ignoreUnknown().transform(new double[] {7}, new String[] {null}, actual);
        assertThat(actual).containsExactly(7, 0, 0, 0);
    }

    @Test
    void of_keeps_the_order_of_the_levels_it_is_given() {
        OneHotEncoder encoder = OneHotEncoder.of(List.of(), List.of("city"), List.of(List.of("Rome", "Oslo")));
        double[] output = new double[2];

        encoder.transform(new double[0], new String[] {"Oslo"}, output);

        assertThat(encoder.outputNames()).containsExactly("city=Rome", "city=Oslo");
        assertThat(output).containsExactly(0, 1);
    }

    static Stream<Arguments> invalidEncoders() {
        return Stream.of(
                Arguments.of(List.of("x", "x"), List.of("city"), List.of(List.of("a")),
                        "numeric column 'x' is blank or named twice"),
                Arguments.of(List.of(" "), List.of("city"), List.of(List.of("a")),
                        "numeric column ' ' is blank or named twice"),
                Arguments.of(List.of("x"), List.of(), List.of(), "reads at least one categorical column"),
                Arguments.of(List.of("x"), List.of("x"), List.of(List.of("a")),
                        "categorical column 'x' is blank or named twice (among the numeric and categorical columns)"),
                Arguments.of(List.of("x"), List.of("city"), List.of(List.of("a"), List.of("b")),
                        "2 level lists but 1 categorical columns"),
                Arguments.of(List.of("x"), List.of("city"), List.of(List.of()), "categorical column 'city' has no level"),
                Arguments.of(List.of("x"), List.of("city"), List.of(List.of("a", "b", "a")),
                        "categorical column 'city' lists the level 'a' twice"),
                Arguments.of(List.of("city=a"), List.of("city"), List.of(List.of("a")),
                        "two output columns would be named 'city=a'"),
                Arguments.of(List.of(), List.of("a", "a=b"), List.of(List.of("b=c"), List.of("c")),
                        "two output columns would be named 'a=b=c'"));
    }

    @ParameterizedTest
    @MethodSource("invalidEncoders")
    void of_rejects_parameters_that_do_not_make_an_encoder(List<String> numeric, List<String> categorical,
                                                          List<List<String>> levels, String message) {
        assertThatThrownBy(() -> OneHotEncoder.of(numeric, categorical, levels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void a_pipeline_rebuilt_from_its_parts_reads_the_categorical_columns_of_its_encoder() {
        FittedPipeline fitted = Pipeline.builder().preprocess(Scale.standard()).features(OneHot.encode())
                .model(LinearRegression.leastSquares(io.maas.solver.LeastSquares.builder().ridge(1e-6).build()))
                .build().fit(cities());

        FittedPipeline rebuilt = FittedPipeline.of(fitted.stages(), fitted.model(), List.of("x"), "y", 12,
                Set.of(Metric.MSE));

        assertThat(rebuilt.categoricalNames()).containsExactly("city");
        assertThat(rebuilt.predict(row(4, "Oslo"))).isEqualTo(fitted.predict(row(4, "Oslo")));
        assertThat(rebuilt.predict(cities())).containsExactly(fitted.predict(cities()));
        assertThatThrownBy(() -> rebuilt.predict(new double[] {1}))
                .hasMessageContaining("also reads the categorical columns [city]");
    }

    @Test
    void a_pipeline_rebuilt_from_its_parts_may_read_categorical_columns_only() {
        OneHotEncoder encoder = OneHotEncoder.of(List.of(), List.of("city"), List.of(List.of("Oslo", "Rome")));
        FittedPipeline fitted = Pipeline.builder().features(training -> encoder)
                .model(LinearRegression.leastSquares(io.maas.solver.LeastSquares.builder().ridge(1e-6).build()))
                .build().fit(Dataset.builder().categorical("city", List.of("Oslo", "Rome", "Rome", "Oslo"))
                        .target("y", new double[] {1, 2, 2, 1}).build());

        FittedPipeline rebuilt = FittedPipeline.of(List.of(encoder), fitted.model(), List.of(), "y", 4,
                Set.of(Metric.MSE));

        assertThat(rebuilt.featureNames()).isEmpty();
        assertThat(rebuilt.predict(Map.of("city", "Rome"))).isEqualTo(fitted.predict(Map.of("city", "Rome")));
        assertThatThrownBy(() -> FittedPipeline.of(List.of(), fitted.model(), List.of(), "y", 4, Set.of(Metric.MSE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature names must be at least one");
    }

    @Test
    void a_pipeline_rebuilt_from_its_parts_encodes_once_and_keeps_categorical_names_apart() {
        OneHotEncoder first = OneHotEncoder.of(List.of("x"), List.of("city"),
                List.of(List.of("Oslo", "Paris", "Rome")));
        OneHotEncoder second = OneHotEncoder.of(first.outputNames(), List.of("town"), List.of(List.of("Lyon")));
        FittedPipeline fitted = Pipeline.builder().features(training -> first)
                .model(LinearRegression.leastSquares(io.maas.solver.LeastSquares.builder().ridge(1e-6).build()))
                .build().fit(cities());
        List<FittedStage> twice = List.of(first, second);

        assertThatThrownBy(() -> FittedPipeline.of(twice, fitted.model(), List.of("x"), "y", 12, Set.of(Metric.MSE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a pipeline may encode categorical columns once, but stages 0 "
                        + "(OneHotEncoder[city]) and 1 (OneHotEncoder[town]) both do");
        assertThatThrownBy(() -> FittedPipeline.of(List.of(first), fitted.model(), List.of("x"), "city", 12,
                Set.of(Metric.MSE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target 'city' must be a name that is not blank and not a feature");
    }
}
