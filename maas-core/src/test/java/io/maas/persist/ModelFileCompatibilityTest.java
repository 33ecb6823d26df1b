package io.maas.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.maas.data.Dataset;
import io.maas.features.OneHotEncoder;
import io.maas.pipeline.FittedPipeline;
import io.maas.preprocess.MinMaxScaler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model files written by format 1.0 and 1.1 (committed under {@code src/test/resources/persist/}) load in every later
 * maas and predict exactly what they predicted when they were written. If a change breaks this, the change breaks the
 * files users have saved: bump the format's major version instead.
 */
class ModelFileCompatibilityTest {

    /**
     * Format 1.0: selection, standard scaler, polynomial, least squares; breast-cancer logistic; min-max and gradient
     * descent. Format 1.1: mean imputer, one-hot ignoring unknown categories, standard scaler, ridge; one-hot, standard
     * scaler, logistic (on {@link Fixtures#DIABETES_CATEGORICAL}).
     */
    static final List<String> FILES = List.of("diabetes-polynomial.model.json", "breast-cancer-logistic.model.json",
            "diabetes-minmax-gd.model.json", "diabetes-onehot.model.json", "diabetes-onehot-logistic.model.json");

    static byte[] resource(String name) {
        try (InputStream in = ModelFileCompatibilityTest.class.getResourceAsStream("/persist/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The predictions each file made for the first three test rows when it was written, as raw bits. */
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of(FILES.get(0), Fixtures.DIABETES_SPLIT.test(),
                        new long[] {0x4065f919c4348ccdL, 0x406c18a289350210L, 0x405e8c3f5fcfc1acL}),
                Arguments.of(FILES.get(1), Fixtures.BREAST_CANCER_SPLIT.test(),
                        new long[] {0x3fe65dee9be18947L, 0x3fd56460356f07f2L, 0x3fb5a2f1d5515363L}),
                Arguments.of(FILES.get(2), Fixtures.DIABETES_SPLIT.test(),
                        new long[] {0x4066d48c716e754cL, 0x406adc0c5a40d4d1L, 0x4061be11151e9c61L}),
                Arguments.of(FILES.get(3), Fixtures.DIABETES_CATEGORICAL_SPLIT.test(),
                        new long[] {0x4064dc5339d77cccL, 0x406691f443dd000eL, 0x4061d1b4910773a3L}),
                Arguments.of(FILES.get(4), highProgression(),
                        new long[] {0x3feb83e8b7dee860L, 0x3fe702c10e9f0e77L, 0x3fd7843150077571L}));
    }

    /** The test rows of {@link Fixtures#DIABETES_CATEGORICAL} with the label 1 where progression is above 140. */
    private static Dataset highProgression() {
        Dataset test = Fixtures.DIABETES_CATEGORICAL_SPLIT.test();
        double[] labels = new double[test.rowCount()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = test.target(i) > 140 ? 1 : 0;
        }
        return test.toBuilder().target("high_progression", labels).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void a_committed_file_loads_and_predicts_what_it_did_when_written(String name, Dataset test, long[] expected)
            throws IOException {
        SavedModel loaded = ModelFile.read(new java.io.ByteArrayInputStream(resource(name)));

        FittedPipeline pipeline = loaded.pipeline();
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(Fixtures.predictRow(pipeline, test, i))).as("row %d", i)
                    .isEqualTo(expected[i]);
        }
        assertThat(loaded.created()).isEqualTo(Instant.parse("2026-01-31T12:00:00.123456789Z"));
        assertThat(loaded.maasVersion()).isEqualTo("0.1.0-test");
        assertThat(pipeline.featureNames()).isEqualTo(test.featureNames());
        assertThat(pipeline.categoricalNames()).isEqualTo(test.categoricalNames());
        assertThat(pipeline.targetName()).isEqualTo(test.targetName());
    }

    /**
     * The payload, which the checksum covers, comes back byte for byte; only the version changes, to the one this maas
     * writes (a 1.0 file is a valid 1.1 file).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void saving_a_loaded_file_again_reproduces_it_byte_for_byte_as_the_current_version(String name, Dataset test,
                                                                                       long[] expected)
            throws IOException {
        String original = new String(resource(name), java.nio.charset.StandardCharsets.UTF_8);
        String current = original.replaceFirst("\"format_version\": \"1\\.[01]\"",
                "\"format_version\": \"" + ModelFile.FORMAT_VERSION + "\"");

        assertThat(ModelFile.FORMAT_VERSION).isEqualTo("1.1");
        assertThat(Fixtures.text(ModelFile.read(new java.io.ByteArrayInputStream(resource(name))))).isEqualTo(current);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void the_files_cover_every_stage_and_model_type(String name, Dataset test, long[] expected) {
        String text = new String(resource(name), java.nio.charset.StandardCharsets.UTF_8);

        boolean oneHot = name.contains("onehot");
        assertThat(text).contains(oneHot ? "\"format_version\": \"1.1\"" : "\"format_version\": \"1.0\"");
        if (oneHot) {
            assertThat(ModelFile.fromBytes(resource(name)).pipeline().stages()).hasAtLeastOneElementOfType(
                    OneHotEncoder.class);
            assertThat(text).contains("\"type\": \"categorical\"", "\"one_hot_encoder\"", "\"unknown_categories\": "
                    + (name.contains("logistic") ? "\"error\"" : "\"zeros\""));
        }
        if (name.equals(FILES.get(2))) {
            assertThat(ModelFile.fromBytes(resource(name)).pipeline().stages()).hasAtLeastOneElementOfType(
                    MinMaxScaler.class);
            assertThat(text).contains("\"column_selection\"", "\"min_max_scaler\"", "\"statistics\": null")
                    .doesNotContain("\"cost_history\": [ ]");
        }
    }
}
