package io.maas.persist;

import io.maas.data.CsvFormat;
import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.data.TrainTestSplit;
import io.maas.features.Polynomial;
import io.maas.model.LinearRegression;
import io.maas.model.LogisticRegression;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Pipeline;
import io.maas.preprocess.Columns;
import io.maas.preprocess.Scale;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Data, fitted pipelines and model-file text surgery shared by the persistence tests. */
final class Fixtures {

    static final Dataset DIABETES = SampleData.diabetes();
    static final TrainTestSplit DIABETES_SPLIT = TrainTestSplit.firstRows(DIABETES, 353);
    static final Dataset BREAST_CANCER = breastCancer();
    static final TrainTestSplit BREAST_CANCER_SPLIT = TrainTestSplit.firstRows(BREAST_CANCER, 455);
    static final Instant CREATED = Instant.parse("2026-01-31T12:00:00.123456789Z");

    private Fixtures() {
    }

    private static Dataset breastCancer() {
        try (InputStream in = Fixtures.class.getResourceAsStream("/data/breast_cancer.csv")) {
            return CsvFormat.defaults().read(in, "breast_cancer.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    static byte[] seal(String payload) {
        return seal(payload, "1.0");
    }
}
