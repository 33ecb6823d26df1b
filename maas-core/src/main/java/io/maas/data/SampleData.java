package io.maas.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Datasets bundled with maas for examples, tests and benchmarks; their sources and licences are in the NOTICE file.
 */
public final class SampleData {

    private static final String DIABETES = "diabetes.csv";

    private SampleData() {
    }

    /**
     * Returns the diabetes data of Efron, Hastie, Johnstone and Tibshirani ("Least Angle Regression", Annals of
     * Statistics, 2004), unscaled as distributed with scikit-learn: 442 rows, 10 features (age, sex, bmi, bp,
     * s1..s6; sex coded 1/2) and the target {@code progression}, a measure of disease progression one year later.
     *
     * @return a new dataset of 442 rows x 10 features, in file order
     */
    public static Dataset diabetes() {
        try (InputStream in = SampleData.class.getResourceAsStream(DIABETES)) {
            if (in == null) {
                throw new IllegalStateException("the bundled resource " + DIABETES + " is missing from the maas-core jar");
            }
            return CsvFormat.defaults().read(in, DIABETES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + DIABETES, e);
        }
    }
}
