package io.maas.persist;

import static io.maas.persist.Fixtures.BREAST_CANCER_SPLIT;
import static io.maas.persist.Fixtures.CREATED;
import static io.maas.persist.Fixtures.DIABETES_CATEGORICAL_SPLIT;
import static io.maas.persist.Fixtures.DIABETES_SPLIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maas.data.Dataset;
import io.maas.data.TrainTestSplit;
import io.maas.features.OneHot;
import io.maas.features.OneHotEncoder;
import io.maas.features.Polynomial;
import io.maas.features.PolynomialFeatures;
import io.maas.model.LinearModel;
import io.maas.model.Estimator;
import io.maas.model.LinearRegression;
import io.maas.model.LogisticModel;
import io.maas.model.LogisticRegression;
import io.maas.model.Model;
import io.maas.pipeline.Evaluation;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.FittedStage;
import io.maas.pipeline.Metric;
import io.maas.pipeline.Pipeline;
import io.maas.pipeline.Stage;
import io.maas.preprocess.ColumnSelection;
import io.maas.preprocess.Columns;
import io.maas.preprocess.MinMaxScaler;
import io.maas.preprocess.Impute;
import io.maas.preprocess.Imputer;
import io.maas.preprocess.Scale;
import io.maas.preprocess.StandardScaler;
import io.maas.solver.GradientDescent;
import io.maas.solver.Intercept;
import io.maas.solver.LeastSquares;
import io.maas.solver.LinearSolution;
import io.maas.solver.Precision;
import io.maas.solver.RankPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Save then load gives back the same pipeline to the bit, for every stage and model type: parameters, predictions,
 * diagnostics, statistics and the model card. New stage or model types join by adding a line to {@link #pipelines()}.
 */
class ModelFileRoundTripTest {

    /** Fitted once for all the tests of the class. */
    private static final List<Arguments> PIPELINES = List.of(
                regression("standard scaler, least squares (QR, inference statistics)",
                        new Stage[] {Scale.standard()}, LinearRegression.leastSquares()),
                regression("min-max scaler, least squares", new Stage[] {Scale.minMax()},
                        LinearRegression.leastSquares()),
                regression("median imputer, standard scaler, least squares",
                        new Stage[] {Impute.median(), Scale.standard()}, LinearRegression.leastSquares()),
                regression("selection and degree-3 polynomial on raw columns (extended precision)",
                        new Stage[] {Columns.select("bmi", "bp", "s5"), Polynomial.degree(3)},
                        LinearRegression.leastSquares()),
                regression("drop, scaler, degree-2 polynomial", new Stage[] {Columns.drop("sex"), Scale.standard(),
                        Polynomial.degree(2)}, LinearRegression.leastSquares()),
                regression("interaction-only polynomial, ridge (no statistics)",
                        new Stage[] {Scale.minMax(), Polynomial.degree(3).interactionOnly()},
                        LinearRegression.leastSquares(LeastSquares.builder().ridge(0.5).build())),
                regression("no stage, gradient descent (cost history, no rank)", new Stage[0],
                        LinearRegression.gradientDescent(GradientDescent.builder().maxIterations(300).build())),
                regression("no intercept, double precision (uncentered R², no intercept estimate)",
                        new Stage[] {Scale.standard()}, LinearRegression.leastSquares(LeastSquares.builder()
                                .intercept(Intercept.NONE).precision(Precision.DOUBLE).build())),
                Arguments.of("degree-2 polynomial over all columns: rank deficient, gradient-descent fallback (notes)",
                        Fixtures.diabetesPolynomial(), DIABETES_SPLIT.test()),
                Arguments.of("breast cancer: standard scaler, L2 logistic regression", Fixtures.breastCancerLogistic(),
                        BREAST_CANCER_SPLIT.test()),
                categorical("one-hot (sex, age band), standard scaler, least squares (minimum norm)",
                        DIABETES_CATEGORICAL_SPLIT, new Stage[] {OneHot.encode(), Scale.standard()},
                        LinearRegression.leastSquares(LeastSquares.builder().rankPolicy(RankPolicy.MINIMUM_NORM)
                                .build())),
                categorical("mean imputer, one-hot ignoring unknown categories, standard scaler, ridge",
                        DIABETES_CATEGORICAL_SPLIT, new Stage[] {Impute.mean(), OneHot.encode().ignoreUnknown(),
                            Scale.standard()},
                        LinearRegression.leastSquares(LeastSquares.builder().ridge(0.5).build())),
                categorical("one-hot of categorical columns only (no numeric input), ridge", categoricalOnly(),
                        new Stage[] {OneHot.encode()},
                        LinearRegression.leastSquares(LeastSquares.builder().ridge(1.0).build())),
                categorical("high progression: one-hot, standard scaler, L2 logistic regression", highProgression(),
                        new Stage[] {OneHot.encode(), Scale.standard()}, LogisticRegression.l2()));

    static Stream<Arguments> pipelines() {
        return PIPELINES.stream();
    }

    private static Arguments regression(String name, Stage[] stages, LinearRegression model) {
        Pipeline.Builder builder = Pipeline.builder();
        if (stages.length > 0) {
            builder.preprocess(stages);
        }
        FittedPipeline fitted = builder.model(model).build().fit(DIABETES_SPLIT.train());
        SavedModel saved = new SavedModel(fitted, Optional.of(fitted.evaluate(DIABETES_SPLIT.test())), CREATED,
                "0.1.0-test");
        return Arguments.of(name, saved, DIABETES_SPLIT.test());
    }

    /** A pipeline fitted on data with categorical columns, evaluated on the test rows. */
    private static Arguments categorical(String name, TrainTestSplit split, Stage[] stages, Estimator model) {
        FittedPipeline fitted = Pipeline.builder().preprocess(stages).model(model).build().fit(split.train());
        SavedModel saved = new SavedModel(fitted, Optional.of(fitted.evaluate(split.test())), CREATED, "0.1.0-test");
        return Arguments.of(name, saved, split.test());
    }

    /** The categorical columns of diabetes without its numeric ones. */
    private static TrainTestSplit categoricalOnly() {
        Dataset data = Fixtures.DIABETES_CATEGORICAL;
        return TrainTestSplit.firstRows(Dataset.builder()
                .categorical("sex", Fixtures.categories(data, "sex"))
                .categorical("age_band", Fixtures.categories(data, "age_band"))
                .target("progression", data.target())
                .build(), 353);
    }

    /** Diabetes with categorical columns and the label 1 where progression is above 140, else 0. */
    private static TrainTestSplit highProgression() {
        Dataset data = Fixtures.DIABETES_CATEGORICAL;
        double[] labels = new double[data.rowCount()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.target(i) > 140 ? 1 : 0;
        }
        return TrainTestSplit.firstRows(data.toBuilder().target("high_progression", labels).build(), 353);
    }

    private static SavedModel roundTrip(SavedModel saved) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(saved, out);
        return ModelFile.read(new ByteArrayInputStream(out.toByteArray()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void predictions_after_load_are_bit_identical(String name, SavedModel saved, Dataset test) throws IOException {
        FittedPipeline before = saved.pipeline();
        FittedPipeline after = roundTrip(saved).pipeline();

        double[] expected = before.predict(test);
        double[] actual = after.predict(test);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(actual[i])).as("row %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(expected[i]));
            assertThat(Double.doubleToRawLongBits(Fixtures.predictRow(after, test, i))).as("row %d alone", i)
                    .isEqualTo(Double.doubleToRawLongBits(Fixtures.predictRow(before, test, i)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void every_learned_parameter_comes_back_to_the_bit(String name, SavedModel saved, Dataset test)
            throws IOException {
        FittedPipeline before = saved.pipeline();
        FittedPipeline after = roundTrip(saved).pipeline();

        assertThat(after.stages()).hasSameSizeAs(before.stages());
        for (int s = 0; s < before.stages().size(); s++) {
            assertSameStage(after.stages().get(s), before.stages().get(s));
        }
        assertSameModel(after.model(), before.model());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void the_model_card_comes_back(String name, SavedModel saved, Dataset test) throws IOException {
        SavedModel loaded = roundTrip(saved);

        assertThat(loaded.created()).isEqualTo(saved.created());
        assertThat(loaded.maasVersion()).isEqualTo(saved.maasVersion());
        assertThat(loaded.evaluation()).isEqualTo(saved.evaluation());
        FittedPipeline after = loaded.pipeline();
        FittedPipeline before = saved.pipeline();
        assertThat(after.featureNames()).isEqualTo(before.featureNames());
        assertThat(after.categoricalNames()).isEqualTo(before.categoricalNames());
        assertThat(after.targetName()).isEqualTo(before.targetName());
        assertThat(after.trainingRows()).isEqualTo(before.trainingRows());
        assertThat(after.pipeline().metrics()).isEqualTo(before.pipeline().metrics());
        assertThat(after.model().diagnostics()).isEqualTo(before.model().diagnostics());
        assertThat(after.evaluate(test)).isEqualTo(before.evaluate(test));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void saving_is_deterministic_and_a_loaded_model_saves_to_the_same_bytes(String name, SavedModel saved,
                                                                            Dataset test) throws IOException {
        byte[] first = Fixtures.bytes(saved);

        assertThat(Fixtures.bytes(saved)).isEqualTo(first);
        assertThat(Fixtures.bytes(roundTrip(saved))).isEqualTo(first);
    }

    @Test
    void labels_of_the_breast_cancer_classifier_survive_the_round_trip() throws IOException {
        SavedModel saved = Fixtures.breastCancerLogistic();
        FittedPipeline after = roundTrip(saved).pipeline();

        Dataset test = BREAST_CANCER_SPLIT.test();
        for (int i = 0; i < test.rowCount(); i++) {
            assertThat(after.predictLabel(test.row(i))).isEqualTo(saved.pipeline().predictLabel(test.row(i)));
        }
        assertThat(((LogisticModel) after.model()).threshold()).isEqualTo(0.5);
        assertThat(after.evaluate(test).value(Metric.ACCURACY)).isEqualTo(saved.evaluation().orElseThrow()
                .value(Metric.ACCURACY));
    }

    /** The one-hot pipelines of {@link #pipelines()}: strict, then ignoring unknown categories. */
    private static SavedModel oneHot(boolean ignoresUnknown) {
        return PIPELINES.stream().map(arguments -> (SavedModel) arguments.get()[1])
                .filter(saved -> saved.pipeline().stages().stream().anyMatch(stage -> stage instanceof OneHotEncoder
                        encoder && encoder.ignoresUnknown() == ignoresUnknown))
                .findFirst().orElseThrow();
    }

    /** Test rows by name with an unseen age band, an unseen sex, a missing sex and an empty age band. */
    private static List<Map<String, Object>> unknownCategoryRows() {
        Dataset test = DIABETES_CATEGORICAL_SPLIT.test();
        List<Map<String, Object>> rows = new ArrayList<>();
        String[][] edits = {{"age_band", "90s"}, {"sex", "3"}, {"sex", null}, {"age_band", ""}};
        for (int k = 0; k < edits.length; k++) {
            Map<String, Object> row = Fixtures.row(test, k);
            row.put(edits[k][0], edits[k][1]);
            rows.add(row);
        }
        return rows;
    }

    @Test
    void an_unknown_or_missing_category_is_the_same_error_after_load() throws IOException {
        FittedPipeline before = oneHot(false).pipeline();
        FittedPipeline after = roundTrip(oneHot(false)).pipeline();

        for (Map<String, Object> row : unknownCategoryRows()) {
            Throwable expected = org.assertj.core.api.Assertions.catchThrowable(() -> before.predict(row));
            assertThat(expected).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("categorical column");
            assertThatThrownBy(() -> after.predict(row))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected.getMessage());
        }
    }

    @Test
    void an_unknown_or_missing_category_is_the_same_all_zero_row_after_load() throws IOException {
        FittedPipeline before = oneHot(true).pipeline();
        FittedPipeline after = roundTrip(oneHot(true)).pipeline();

        for (Map<String, Object> row : unknownCategoryRows()) {
            assertThat(Double.doubleToRawLongBits(after.predict(row)))
                    .isEqualTo(Double.doubleToRawLongBits(before.predict(row)));
        }
        Dataset test = DIABETES_CATEGORICAL_SPLIT.test();
        List<String> bands = Fixtures.categories(test, "age_band");
        List<String> sexes = Fixtures.categories(test, "sex");
        for (int i = 0; i < bands.size(); i += 3) {
            bands.set(i, i % 2 == 0 ? "90s" : null);
            sexes.set(i + 1, "3");
        }
        Dataset unknown = test.toBuilder().clearCategorical().categorical("sex", sexes)
                .categorical("age_band", bands).build();
        double[] expected = before.predict(unknown);
        double[] actual = after.predict(unknown);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(actual[i])).as("row %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }

    @Test
    void the_file_declares_the_categorical_features_and_the_encoder_levels() {
        String text = Fixtures.text(oneHot(true));

        assertThat(text).contains("{\n      \"name\": \"sex\",\n      \"type\": \"categorical\"\n    }",
                "{\n      \"name\": \"age_band\",\n      \"type\": \"categorical\"\n    }",
                "\"type\": \"one_hot_encoder\"", "\"name\": \"age_band\",\n        \"levels\": [ \"10s\", \"20s\"",
                "\"unknown_categories\": \"zeros\"", "\"sex=1\", \"sex=2\", \"age_band=10s\"");
        assertThat(Fixtures.text(oneHot(false))).contains("\"unknown_categories\": \"error\"");
    }

    @Test
    void save_and_load_go_through_a_file(@TempDir Path directory) throws IOException {
        SavedModel saved = Fixtures.breastCancerLogistic();
        Path file = directory.resolve("cancer.model.json");

        ModelFile.save(saved, file);
        ModelFile.save(saved, file); // replaces
        SavedModel loaded = ModelFile.load(file);

        assertThat(Files.readAllBytes(file)).isEqualTo(Fixtures.bytes(saved));
        assertThat(loaded.pipeline().predict(BREAST_CANCER_SPLIT.test().row(0)))
                .isEqualTo(saved.pipeline().predict(BREAST_CANCER_SPLIT.test().row(0)));
    }

    @Test
    void a_model_without_evaluation_saves_null_and_loads_without_one() throws IOException {
        SavedModel saved = SavedModel.of(Fixtures.breastCancerLogistic().pipeline());

        String text = Fixtures.text(saved);
        SavedModel loaded = roundTrip(saved);

        assertThat(text).contains("\"evaluation\": null");
        assertThat(loaded.evaluation()).isEmpty();
        assertThat(loaded.maasVersion()).isNotBlank();
        assertThat(loaded.created()).isEqualTo(saved.created());
    }

    @Test
    void the_file_is_readable_json_with_the_card_and_types_but_no_class_name() {
        String text = Fixtures.text(Fixtures.diabetesPolynomial());

        assertThat(text).startsWith("{\n  \"format\": \"maas-model\",\n  \"format_version\": \"1.1\",\n  \"payload\": {")
                .contains("\"maas_version\": \"0.1.0-test\"", "\"created\": \"2026-01-31T12:00:00.123456789Z\"",
                        "{\n      \"name\": \"bmi\",\n      \"type\": \"number\"\n    }, {", "\"target\": \"progression\"",
                        "\"training_rows\": 353", "\"type\": \"standard_scaler\"", "\"type\": \"polynomial_features\"",
                        "\"bmi^2\"", "\"bmi*bp\"", "\"diagnostics\": {", "fell back to gradient descent",
                        "\"evaluation\": {")
                .doesNotContain("io.maas", "java.", "NaN", "Infinity", "\r");
        assertThat(text).endsWith("}\n");
    }

    @Test
    void a_newer_minor_version_with_extra_optional_fields_loads() {
        String payload = Fixtures.payload(Fixtures.text(Fixtures.breastCancerLogistic()));
        String extended = payload
                .replaceFirst("\\{", "{\"license\": {\"name\": \"CC BY 4.0\", \"tags\": [1, [2]]}, ")
                .replace("\"type\": \"standard_scaler\",", "\"type\": \"standard_scaler\", \"with_mean\": true,")
                .replace("\"iterations\":", "\"step_sizes\": [0.5, 0.25], \"iterations\":");

        SavedModel loaded = ModelFile.fromBytes(Fixtures.seal(extended, "1.3"));

        assertThat(loaded.pipeline().predict(BREAST_CANCER_SPLIT.test().row(3)))
                .isEqualTo(Fixtures.breastCancerLogistic().pipeline().predict(BREAST_CANCER_SPLIT.test().row(3)));
        assertThatThrownBy(() -> ModelFile.fromBytes(Fixtures.seal(extended, "1.0")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("$.payload.license")
                .hasMessageContaining("unexpected field");
    }

    @Test
    void a_loaded_pipeline_cannot_be_fitted_again_rather_than_silently_keeping_its_parameters() throws IOException {
        FittedPipeline loaded = roundTrip(Fixtures.breastCancerLogistic()).pipeline();

        assertThatThrownBy(() -> loaded.pipeline().fit(BREAST_CANCER_SPLIT.train()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot be fitted again");
    }

    @Test
    void a_stage_the_format_has_no_type_for_is_refused_before_anything_is_written() {
        FittedStage custom = new FittedStage() {
            @Override
            public List<String> inputNames() {
                return Fixtures.DIABETES.featureNames();
            }

            @Override
            public List<String> outputNames() {
                return Fixtures.DIABETES.featureNames();
            }

            @Override
            public void transform(double[] input, double[] output) {
                System.arraycopy(input, 0, output, 0, input.length);
            }
        };
        FittedPipeline fitted = Pipeline.builder().preprocess(training -> custom)
                .model(LinearRegression.leastSquares()).build().fit(DIABETES_SPLIT.train());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> ModelFile.write(SavedModel.of(fitted), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the model format has no type for the stage");
        assertThat(out.size()).isZero();
    }

    @Test
    void a_pipeline_beyond_the_format_limits_is_refused_when_saving() {
        String longName = "x".repeat(Limits.MAX_STRING_LENGTH + 1);
        Dataset data = Dataset.of(List.of(longName, "b"), new double[][] {{1, 2}, {2, 1}, {3, 5}, {4, 4}}, "y",
                new double[] {1, 2, 3, 5});
        FittedPipeline fitted = Pipeline.builder().model(LinearRegression.leastSquares()).build().fit(data);

        assertThatThrownBy(() -> ModelFile.write(SavedModel.of(fitted), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be saved within the model format's limits");
    }

    @Test
    void an_evaluation_of_another_fit_is_refused() {
        SavedModel cancer = Fixtures.breastCancerLogistic();
        Evaluation other = Fixtures.diabetesPolynomial().evaluation().orElseThrow();

        assertThatThrownBy(() -> cancer.withEvaluation(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the evaluation is of another fit");
    }

    @Test
    void doubles_that_stress_the_text_round_trip_come_back_exactly() throws IOException {
        double[] hard = {Double.MIN_VALUE, -Double.MIN_NORMAL, Double.MAX_VALUE, -0.0, 0.1, 1.0 / 3, Math.PI * 1e300,
            2.2250738585072011e-308, 9007199254740993.0, 1e23, 5e-324, -1.7976931348623157e308};
        List<String> names = java.util.stream.IntStream.range(0, hard.length).mapToObj(j -> "f" + j).toList();
        StandardScaler scaler = StandardScaler.of(names, hard, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        FittedPipeline fitted = FittedPipeline.of(List.of(scaler),
                new LinearModel(new LinearSolution(names, -0.0, hard, Fixtures.diabetesPolynomial().pipeline()
                        .model().diagnostics(), Optional.empty())), names, "y", 10, java.util.Set.of(Metric.MSE));

        StandardScaler loaded = (StandardScaler) roundTrip(SavedModel.of(fitted)).pipeline().stages().get(0);

        for (int j = 0; j < hard.length; j++) {
            assertThat(Double.doubleToRawLongBits(loaded.means()[j])).isEqualTo(Double.doubleToRawLongBits(hard[j]));
        }
    }

    private static void assertSameStage(FittedStage actual, FittedStage expected) {
        assertThat(actual).hasSameClassAs(expected);
        assertThat(actual.inputNames()).isEqualTo(expected.inputNames());
        assertThat(actual.outputNames()).isEqualTo(expected.outputNames());
        if (expected instanceof StandardScaler scaler) {
            assertBits(((StandardScaler) actual).means(), scaler.means());
            assertBits(((StandardScaler) actual).standardDeviations(), scaler.standardDeviations());
        } else if (expected instanceof MinMaxScaler scaler) {
            assertBits(((MinMaxScaler) actual).minimums(), scaler.minimums());
            assertBits(((MinMaxScaler) actual).ranges(), scaler.ranges());
        } else if (expected instanceof Imputer imputer) {
            assertBits(((Imputer) actual).fillValues(), imputer.fillValues());
        } else if (expected instanceof OneHotEncoder encoder) {
            assertThat(((OneHotEncoder) actual).categoricalInputNames()).isEqualTo(encoder.categoricalInputNames());
            assertThat(((OneHotEncoder) actual).levels()).isEqualTo(encoder.levels());
            assertThat(((OneHotEncoder) actual).ignoresUnknown()).isEqualTo(encoder.ignoresUnknown());
        } else if (expected instanceof PolynomialFeatures polynomial) {
            assertThat(((PolynomialFeatures) actual).parents()).isEqualTo(polynomial.parents());
            assertThat(((PolynomialFeatures) actual).variables()).isEqualTo(polynomial.variables());
        } else {
            assertThat(expected).isInstanceOf(ColumnSelection.class);
        }
    }

    private static void assertSameModel(Model actual, Model expected) {
        assertThat(actual).hasSameClassAs(expected);
        LinearSolution a = actual instanceof LinearModel linear ? linear.solution()
                : ((LogisticModel) actual).solution();
        LinearSolution e = expected instanceof LinearModel linear ? linear.solution()
                : ((LogisticModel) expected).solution();
        assertThat(a.featureNames()).isEqualTo(e.featureNames());
        assertBits(new double[] {a.intercept()}, new double[] {e.intercept()});
        assertBits(a.coefficients(), e.coefficients());
        assertThat(a.diagnostics()).isEqualTo(e.diagnostics());
        assertThat(a.statistics()).isEqualTo(e.statistics());
    }

    private static void assertBits(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int j = 0; j < expected.length; j++) {
            assertThat(Double.doubleToRawLongBits(actual[j])).as("value %d", j)
                    .isEqualTo(Double.doubleToRawLongBits(expected[j]));
        }
    }

    @Test
    void text_written_is_utf8() {
        String text = Fixtures.text(Fixtures.breastCancerLogistic());
        assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text);
    }
}
