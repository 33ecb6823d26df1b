package io.maas.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.maas.features.OneHotEncoder;
import io.maas.pipeline.FittedPipeline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over the loader: valid model files mutated at random, 20,000 times, must each load or throw
 * {@link ModelFormatException}: no other exception, no hang, no {@code OutOfMemoryError}. Half the mutations edit the
 * file's bytes (most then fail the syntax or the checksum); the other half edit the payload's JSON values and reseal
 * it with a correct checksum, as this maas's format version or the newer 1.3, so that they reach the content checks.
 * A file that loads must predict (or refuse a row with {@code IllegalArgumentException}) and save and load again to
 * the same predictions.
 *
 * <p>The corpus is the committed model files of {@link ModelFileCompatibilityTest}, one-hot encoders included; with
 * them and the fixed seed the
 * run is deterministic, so a failure reproduces, and the failing input is written to {@code target/fuzz-failures/}.
 * Runs in a few seconds within {@code mvn verify}. (Jazzer's {@code @FuzzTest} would explore by coverage; this loop
 * needs no extra dependency or agent and keeps CI deterministic.)
 */
class ModelFileFuzzTest {

    private static final long SEED = 0x6d616173L; // "maas"
    private static final int MUTATIONS = 20_000;

    /** Tokens that stress the reader where a JSON value is expected. */
    private static final String[] INTERESTING = {"0", "-1", "1", "-0.0", "0.0", "1e999", "-1e999", "2147483647",
        "2147483648", "-2147483649", "1.5", "0.5", "4.9E-324", "1.7976931348623157E308", "100001", "NaN", "null",
        "true", "false", "\"\"", "\" \"", "\"x\"", "[]", "{}", "[null]", "[[]]", "[0]", "[-1]", "{\"type\": 1}",
        "\"standard_scaler\"", "\"min_max_scaler\"", "\"column_selection\"", "\"polynomial_features\"",
        "\"linear_model\"", "\"logistic_model\"", "\"bmi\"", "\"bmi^2\"", "\"(intercept)\"", "\"PT1S\"", "\"P-1D\"",
        "\"mse\"", "\"accuracy\"", "\"double\"", "\"auto\"", "\"centered\"", "\"2026-02-30T00:00:00Z\"",
        "\"one_hot_encoder\"", "\"categorical\"", "\"number\"", "\"error\"", "\"zeros\"", "\"sex\"", "\"sex=1\"",
        "\"age_band=20s\"", "[\"1\", \"1\"]", "[\"\"]", "[{\"name\": \"sex\", \"levels\": [\"1\"]}]"};

    /** Messages of the first pass: broken JSON, limits, format, version, checksum. */
    private static final Pattern SYNTAX_OR_ENVELOPE = Pattern.compile("not valid JSON|ends before|limit of the format"
            + "|content after|checksum|format_version|not a maas model|the file is empty|^\\$(\\.sha256)?:");


    @Test
    void only_the_documented_exception_escapes_the_loader_on_mutated_files() {
        List<byte[]> corpus = ModelFileCompatibilityTest.FILES.stream().map(ModelFileCompatibilityTest::resource)
                .toList();
        int[] outcomes = new int[3]; // loaded, rejected as broken JSON or by the envelope, rejected by a content check

        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            SplittableRandom random = new SplittableRandom(SEED);
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] base = corpus.get(random.nextInt(corpus.size()));
                byte[] mutant = random.nextBoolean() ? mutateBytes(base, random) : mutatePayload(base, random);
                try {
                    SavedModel loaded = ModelFile.read(new ByteArrayInputStream(mutant));
                    exercise(loaded, outcomes[0]++ % 8 == 0);
                } catch (ModelFormatException expected) {
                    assertThat(expected.getMessage()).startsWith(expected.path());
                    outcomes[SYNTAX_OR_ENVELOPE.matcher(expected.getMessage()).find() ? 1 : 2]++;
                } catch (Throwable escaped) {
                    throw new AssertionError(String.format(java.util.Locale.ROOT,
                            "mutation %d of seed %d escaped with %s; the input is in %s", i, SEED, escaped,
                            keep(mutant, i)), escaped);
                }
            }
        });

        // The loop must reach the content checks and sometimes load, or it tests only the checksum.
        assertThat(outcomes[0]).as("mutants that loaded").isGreaterThan(MUTATIONS / 50);
        assertThat(outcomes[2]).as("mutants rejected by a content check").isGreaterThan(MUTATIONS / 5);
        assertThat(outcomes[0] + outcomes[1] + outcomes[2]).isEqualTo(MUTATIONS);
    }

    /**
     * A loaded model predicts or refuses the row cleanly and, when {@code resave} (one in eight, to keep the loop
     * short), saves and loads again to the same prediction. A pipeline with categorical features (which a loaded
     * pipeline reads through its one-hot encoder) gets its row by name, each category its column's first level.
     */
    private static void exercise(SavedModel loaded, boolean resave) throws IOException {
        FittedPipeline pipeline = loaded.pipeline();
        Map<String, Object> row = new HashMap<>();
        pipeline.featureNames().forEach(name -> row.put(name, 0.5));
        pipeline.stages().stream().filter(OneHotEncoder.class::isInstance).map(OneHotEncoder.class::cast)
                .forEach(encoder -> {
                    for (int c = 0; c < encoder.categoricalInputNames().size(); c++) {
                        row.put(encoder.categoricalInputNames().get(c), encoder.levels().get(c).get(0));
                    }
                });
        Double prediction = null;
        try {
            prediction = predict(pipeline, row);
        } catch (IllegalArgumentException outOfRange) {
            // Documented for predict: legal but extreme parameters (a divisor of 4.9E-324) overflow a double.
            assertThat(outOfRange.getMessage()).containsAnyOf("overflow", "must be finite");
        }
        if (!resave) {
            return;
        }
        SavedModel again = ModelFile.read(new ByteArrayInputStream(Fixtures.bytes(loaded)));
        if (prediction != null) {
            assertThat(Double.doubleToRawLongBits(predict(again.pipeline(), row)))
                    .isEqualTo(Double.doubleToRawLongBits(prediction));
        }
    }

    /** Predicts by position when the pipeline reads numbers only, so that path is fuzzed too; else by name. */
    private static double predict(FittedPipeline pipeline, Map<String, Object> row) {
        if (!pipeline.categoricalNames().isEmpty()) {
            return pipeline.predict(row);
        }
        double[] values = new double[pipeline.featureNames().size()];
        Arrays.fill(values, 0.5);
        return pipeline.predict(values);
    }

    /** Bit flips, random bytes, deletions, insertions, duplications and truncations of the file. */
    private static byte[] mutateBytes(byte[] base, SplittableRandom random) {
        byte[] bytes = base.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> bytes = splice(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(16)), new byte[0]);
                case 3 -> bytes = splice(bytes, at, at, randomBytes(random, 1 + random.nextInt(8)));
                case 4 -> bytes = splice(bytes, at, at, Arrays.copyOfRange(bytes, at,
                        Math.min(bytes.length, at + 1 + random.nextInt(64))));
                default -> bytes = Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }

    /**
     * Edits of the payload's JSON values, most of which keep the JSON well formed so that the content checks see them:
     * a value replaced by a stressing one or by another value of the file, a number or string altered, a field
     * renamed, an array element deleted or duplicated; one edit in ten deletes any token. Resealed with a correct
     * checksum, as this maas's format version or (one in four) 1.3.
     */
    private static byte[] mutatePayload(byte[] base, SplittableRandom random) {
        String payload = Fixtures.payload(new String(base, StandardCharsets.UTF_8));
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits; e++) {
            List<int[]> tokens = tokens(payload);
            List<Integer> keys = new ArrayList<>();
            List<Integer> values = new ArrayList<>();
            for (int t = 0; t < tokens.size(); t++) {
                char first = payload.charAt(tokens.get(t)[0]);
                boolean key = first == '"' && t + 1 < tokens.size() && payload.charAt(tokens.get(t + 1)[0]) == ':';
                if (key) {
                    keys.add(t);
                } else if ("[]{}:,".indexOf(first) < 0) {
                    values.add(t);
                }
            }
            int t = random.nextInt(10) == 0 ? random.nextInt(tokens.size()) : values.get(random.nextInt(values.size()));
            int[] token = tokens.get(t);
            String text = payload.substring(token[0], token[1]);
            boolean inArray = t > 0 && "[,".indexOf(payload.charAt(tokens.get(t - 1)[0])) >= 0;
            int from = token[0];
            int to = token[1];
            String replacement = switch (random.nextInt(7)) {
                case 0 -> INTERESTING[random.nextInt(INTERESTING.length)];
                case 1 -> {
                    int[] other = tokens.get(values.get(random.nextInt(values.size())));
                    yield payload.substring(other[0], other[1]);
                }
                case 2 -> text.startsWith("\"") ? "\"" + text.substring(1, Math.max(1, text.length() - 2)) + "\""
                        : random.nextBoolean() ? "-" + text : text.replace('1', '2') + "0";
                case 3 -> {
                    int[] key = tokens.get(keys.get(random.nextInt(keys.size())));
                    from = key[0];
                    to = key[1];
                    int[] other = tokens.get(keys.get(random.nextInt(keys.size())));
                    yield random.nextBoolean() ? "\"x\"" : payload.substring(other[0], other[1]);
                }
                case 4 -> inArray ? text + ", " + text : text;
                case 5 -> {
                    if (inArray && t + 1 < tokens.size() && payload.charAt(tokens.get(t + 1)[0]) == ',') {
                        to = tokens.get(t + 1)[1];
                        yield "";
                    }
                    yield inArray && payload.charAt(tokens.get(t - 1)[0]) == ',' ? "" : text;
                }
                default -> "";
            };
            if (replacement.isEmpty() && inArray && from == token[0] && to == token[1]
                    && payload.charAt(tokens.get(t - 1)[0]) == ',') {
                from = tokens.get(t - 1)[0]; // delete ", value" so the array stays well formed
            }
            payload = payload.substring(0, from) + replacement + payload.substring(to);
        }
        return Fixtures.seal(payload, random.nextInt(4) == 0 ? "1.3" : ModelFile.FORMAT_VERSION);
    }

    /** Returns the [start, end) of each JSON token of well-formed text: strings, punctuation, numbers, literals. */
    private static List<int[]> tokens(String json) {
        List<int[]> tokens = new ArrayList<>();
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"') {
                i++;
                while (json.charAt(i) != '"') {
                    i += json.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if ("[]{}:,".indexOf(c) >= 0) {
                i++;
            } else {
                while (i < json.length() && "[]{}:,\"".indexOf(json.charAt(i)) < 0
                        && !Character.isWhitespace(json.charAt(i))) {
                    i++;
                }
            }
            tokens.add(new int[] {start, i});
        }
        return tokens;
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        byte[] result = new byte[bytes.length - (to - from) + insert.length];
        System.arraycopy(bytes, 0, result, 0, from);
        System.arraycopy(insert, 0, result, from, insert.length);
        System.arraycopy(bytes, to, result, from + insert.length, bytes.length - to);
        return result;
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] bytes = new byte[n];
        for (int k = 0; k < n; k++) {
            bytes[k] = (byte) "{}[]:,\"0-.eE \\nul\u00ff".charAt(random.nextInt(18));
        }
        return bytes;
    }

    private static Path keep(byte[] mutant, int iteration) {
        try {
            Path directory = Files.createDirectories(Path.of("target", "fuzz-failures"));
            return Files.write(directory.resolve("mutation-" + iteration + ".json"), mutant);
        } catch (IOException e) {
            return Path.of("(not written: " + e.getMessage() + ")");
        }
    }
}
