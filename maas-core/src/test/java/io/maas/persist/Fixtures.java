package io.maas.persist;

import io.maas.data.CsvFormat;
import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.data.TrainTestSplit;
import io.maas.features.OneHot;
import io.maas.features.Polynomial;
import io.maas.model.LinearRegression;
import io.maas.model.LogisticRegression;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Pipeline;
import io.maas.preprocess.Columns;
import io.maas.preprocess.Scale;
import io.maas.solver.LeastSquares;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Data, fitted pipelines and model-file text surgery shared by the persistence tests. */
final class Fixtures {

    static final Dataset DIABETES = SampleData.diabetes();
    static final TrainTestSplit DIABETES_SPLIT = TrainTestSplit.firstRows(DIABETES, 353);
    static final Dataset BREAST_CANCER = breastCancer();
    static final TrainTestSplit BREAST_CANCER_SPLIT = TrainTestSplit.firstRows(BREAST_CANCER, 455);
    static final Instant CREATED = Instant.parse("2026-01-31T12:00:00.123456789Z");
    /**
     * Diabetes with two categorical columns: {@code sex} read from the CSV as categorical (levels "1" and "2") and
     * {@code age_band}, the decade of {@code age} ("10s" to "70s"). The numeric columns are the other nine.
     */
    static final Dataset DIABETES_CATEGORICAL = diabetesCategorical();
    static final TrainTestSplit DIABETES_CATEGORICAL_SPLIT = TrainTestSplit.firstRows(DIABETES_CATEGORICAL, 353);

    private Fixtures() {
    }

    private static Dataset breastCancer() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/data/breast_cancer.csv")) {
            return CsvFormat.defaults().read(in, "breast_cancer.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Dataset diabetesCategorical() {
        Dataset data;
        try (InputStream in = Fixtures.class.getResourceAsStream("/io/maas/data/diabetes.csv")) {
            data = CsvFormat.builder().target("progression").categorical("sex").build().read(in, "diabetes.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int age = data.featureNames().indexOf("age");
        List<String> bands = new ArrayList<>();
        for (int i = 0; i < data.rowCount(); i++) {
            bands.add((int) data.feature(i, age) / 10 * 10 + "s");
        }
        return data.toBuilder().categorical("age_band", bands).build();
    }

    private static final SavedModel DIABETES_POLYNOMIAL = fitDiabetesPolynomial();
    private static final SavedModel BREAST_CANCER_LOGISTIC = fitBreastCancerLogistic();

    /**
     * Standard scaling, degree-2 polynomial features and least squares on diabetes, evaluated: most of the format. The
     * design is rank deficient (sex is binary, so sex^2 is collinear with sex) and least squares falls back to
     * gradient descent, which adds a cost history and a note. Fitted once.
     */
    static SavedModel diabetesPolynomial() {
        return DIABETES_POLYNOMIAL;
    }

    /** The classifier: standard scaling and L2 logistic regression on breast cancer, evaluated. Fitted once. */
    static SavedModel breastCancerLogistic() {
        return BREAST_CANCER_LOGISTIC;
    }

    /**
     * A small pipeline with every stage type but min-max scaling: a selection of three columns, standard scaling,
     * degree-2 polynomial features and least squares with inference statistics, evaluated. About 7 kB; the base of the
     * hostile files and the fuzz test.
     */
    static SavedModel small() {
        return SMALL;
    }

    private static final SavedModel SMALL = fitSmall();

    /**
     * A small pipeline with a one-hot encoder, the base of the encoder's hostile files: the numeric columns bmi and bp
     * and the categorical sex and age_band of {@link #DIABETES_CATEGORICAL}, one-hot encoded (levels "1", "2" and
     * "10s" to "70s"), standard scaling and ridge least squares, evaluated. About 4 kB.
     */
    static SavedModel smallOneHot() {
        return SMALL_ONE_HOT;
    }

    private static final SavedModel SMALL_ONE_HOT = fitSmallOneHot();

    private static SavedModel fitSmallOneHot() {
        TrainTestSplit split = TrainTestSplit.firstRows(Dataset.builder()
                .features(List.of("bmi", "bp"), columns(DIABETES_CATEGORICAL, "bmi", "bp"))
                .categorical("sex", categories(DIABETES_CATEGORICAL, "sex"))
                .categorical("age_band", categories(DIABETES_CATEGORICAL, "age_band"))
                .target("progression", DIABETES_CATEGORICAL.target())
                .build(), 353);
        FittedPipeline fitted = Pipeline.builder()
                .preprocess(OneHot.encode(), Scale.standard())
                .model(LinearRegression.leastSquares(LeastSquares.builder().ridge(1.0).build()))
                .build()
                .fit(split.train());
        return new SavedModel(fitted, Optional.of(fitted.evaluate(split.test())), CREATED, "0.1.0-test");
    }

    /** Returns the named numeric columns of {@code data}, row-major. */
    static double[] columns(Dataset data, String... names) {
        double[] values = new double[data.rowCount() * names.length];
        for (int i = 0; i < data.rowCount(); i++) {
            for (int j = 0; j < names.length; j++) {
                values[i * names.length + j] = data.feature(i, data.featureNames().indexOf(names[j]));
            }
        }
        return values;
    }

    /** Returns the values of a categorical column of {@code data}, null where missing. */
    static List<String> categories(Dataset data, String name) {
        int column = data.categoricalNames().indexOf(name);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < data.rowCount(); i++) {
            values.add(data.category(i, column).orElse(null));
        }
        return values;
    }

    /** Returns row {@code i} of {@code data} by name, as {@link FittedPipeline#predict(Map)} takes it. */
    static Map<String, Object> row(Dataset data, int i) {
        Map<String, Object> row = new HashMap<>();
        for (int j = 0; j < data.featureCount(); j++) {
            row.put(data.featureNames().get(j), data.isMissing(i, j) ? null : data.feature(i, j));
        }
        for (int c = 0; c < data.categoricalCount(); c++) {
            row.put(data.categoricalNames().get(c), data.category(i, c).orElse(null));
        }
        return row;
    }

    /** Predicts row {@code i} of {@code data} alone: by position, or by name when the pipeline reads categories. */
    static double predictRow(FittedPipeline pipeline, Dataset data, int i) {
        return pipeline.categoricalNames().isEmpty() ? pipeline.predict(data.row(i))
                : pipeline.predict(row(data, i));
    }

    private static SavedModel fitSmall() {
        FittedPipeline fitted = Pipeline.builder()
                .preprocess(Columns.select("bmi", "bp", "s5"), Scale.standard())
                .features(Polynomial.degree(2))
                .model(LinearRegression.leastSquares())
                .build()
                .fit(DIABETES_SPLIT.train());
        return new SavedModel(fitted, Optional.of(fitted.evaluate(DIABETES_SPLIT.test())), CREATED, "0.1.0-test");
    }

    private static SavedModel fitDiabetesPolynomial() {
        FittedPipeline fitted = Pipeline.builder()
                .preprocess(Scale.standard())
                .features(Polynomial.degree(2))
                .model(LinearRegression.leastSquares())
                .build()
                .fit(DIABETES_SPLIT.train());
        return new SavedModel(fitted, Optional.of(fitted.evaluate(DIABETES_SPLIT.test())), CREATED, "0.1.0-test");
    }

    private static SavedModel fitBreastCancerLogistic() {
        FittedPipeline fitted = Pipeline.builder()
                .preprocess(Scale.standard())
                .model(LogisticRegression.l2())
                .build()
                .fit(BREAST_CANCER_SPLIT.train());
        return new SavedModel(fitted, Optional.of(fitted.evaluate(BREAST_CANCER_SPLIT.test())), CREATED,
                "0.1.0-test");
    }

    static byte[] bytes(SavedModel model) {
        try {
            return ModelFile.toBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(SavedModel model) {
        return new String(bytes(model), StandardCharsets.UTF_8);
    }

    /** Returns the payload object of a file written by {@link ModelFile}, exactly as stored. */
    static String payload(String file) {
        int start = file.indexOf('{', file.indexOf("\"payload\""));
        int end = file.lastIndexOf('}', file.lastIndexOf("\"sha256\"")) + 1;
        return file.substring(start, end);
    }

    /** Returns a model file around a payload, with the payload's correct checksum: a valid envelope. */
    static byte[] seal(String payload, String version) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        String file = "{\"format\": \"maas-model\", \"format_version\": \"" + version + "\", \"payload\": " + payload
                + ", \"sha256\": \"" + Envelope.sha256(bytes, 0, bytes.length) + "\"}";
        return file.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns a model file of this maas's format version around a payload, with the payload's correct checksum. */
    static byte[] seal(String payload) {
        return seal(payload, ModelFile.FORMAT_VERSION);
    }
}
