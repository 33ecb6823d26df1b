package io.maas.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile model files: each is rejected with a {@link ModelFormatException} whose path says where and whose message
 * says what. Edits of the payload are resealed with a correct checksum, so that they reach the check they target;
 * edits of the file are not, and must fail before the payload is read.
 */
class HostileModelFileTest {

    /** A valid file of the small pipeline: selection, standard scaler, polynomial, least squares, evaluation. */
    private static final String FILE = Fixtures.text(Fixtures.small());
    private static final String PAYLOAD = Fixtures.payload(FILE);
    /** The payload of the breast-cancer classifier, for the logistic model's fields. */
    private static final String LOGISTIC = Fixtures.payload(Fixtures.text(Fixtures.breastCancerLogistic()));
    /** The payload of a small one-hot pipeline: bmi, bp, categorical sex and age_band; encoder, scaler, ridge. */
    private static final String ONE_HOT = Fixtures.payload(Fixtures.text(Fixtures.smallOneHot()));
    /** The encoder's categorical columns in {@link #ONE_HOT}, to be replaced whole. */
    private static final Pattern CATEGORICAL_INPUTS = Pattern.compile("\"categorical_inputs\": \\[.*?\\} \\],",
            Pattern.DOTALL);

    /**
     * One hostile file.
     *
     * @param name    what is wrong
     * @param bytes   the file
     * @param path    the JSONPath the exception must report
     * @param problem text the message must contain
     */
    record Hostile(String name, byte[] bytes, String path, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> files() {
        return Stream.of(
                // Not a model file at all.
                raw("empty file", new byte[0], "$", "the file is empty"),
                raw("CSV text", "age,sex,bmi\n59,2,32.1\n", "$", "not valid JSON"),
                raw("binary (PNG signature)", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, "$",
                        "not valid JSON"),
                raw("a JSON array", "[1, 2, 3]", "$", "not a maas model file: it is not a JSON object"),
                file("wrong magic", s -> once(s, "\"maas-model\"", "\"maas-modle\""), "$.format",
                        "not a maas model file: the format is \"maas-modle\""),
                file("no format field", s -> once(s, "\"format\": \"maas-model\",", ""), "$",
                        "not a maas model file: it has no \"format\" field"),
                // Versions.
                file("unknown major version", s -> once(s, "\"1.1\"", "\"2.0\""), "$.format_version",
                        "format version 2.0 is not supported: this maas reads 1.x files (up to 1.1)"),
                file("version without minor", s -> once(s, "\"1.1\"", "\"1\""), "$.format_version",
                        "\"1\" is not a version MAJOR.MINOR"),
                file("version as a number", s -> once(s, "\"1.1\"", "1.1"), "$.format_version",
                        "must be a string but is a decimal number"),
                // Envelope.
                file("extra top-level field", s -> once(s, "\"payload\":", "\"comment\": \"hi\", \"payload\":"),
                        "$.comment", "unexpected field"),
                raw("missing payload", "{\"format\": \"maas-model\", \"format_version\": \"1.0\", \"sha256\": \""
                        + "0".repeat(64) + "\"}", "$", "missing field \"payload\""),
                file("missing checksum", s -> s.substring(0, s.lastIndexOf(",")) + "}", "$",
                        "missing field \"sha256\""),
                file("checksum in upper case", s -> s.replaceFirst("\"sha256\": \"([0-9a-f]+)\"",
                        "\"sha256\": \"" + sha256(s).toUpperCase(java.util.Locale.ROOT) + "\""), "$.sha256",
                        "is not 64 lowercase hexadecimal digits"),
                file("one digit changed (checksum mismatch)", s -> once(s, "26.3201133144476", "26.3201133144477"),
                        "$.sha256", "checksum mismatch: the payload's SHA-256 is"),
                file("whitespace added to the payload (checksum covers the stored bytes)",
                        s -> once(s, "\"target\":", "\"target\" :"), "$.sha256", "checksum mismatch"),
                // Broken JSON.
                file("truncated in the middle", s -> s.substring(0, s.indexOf("\"r2_definition\"")),
                        "$.payload.model.statistics.adjusted_r2",
                        "the file ends before its JSON is complete (truncated?)"),
                file("last brace missing", s -> s.substring(0, s.lastIndexOf('}')), "$.sha256",
                        "the file ends before its JSON is complete"),
                file("a second object after the first", s -> s + "{}", "$",
                        "there is content after the end of the top-level object"),
                file("garbage after the object", s -> s + "x", "$", "not valid JSON"),
                payload("duplicate field", s -> once(s, "\"target\":", "\"target\": \"y\", \"target\":"),
                        "$.payload.target", "not valid JSON: Duplicate field 'target'"),
                payload("NaN literal", s -> once(s, "\"intercept\": 144.31896317196276",
                        "\"intercept\": NaN"), "$.payload.model.intercept", "not valid JSON: Non-standard token 'NaN'"),
                payload("-Infinity literal", s -> once(s, "\"intercept\": 144.31896317196276",
                        "\"intercept\": -Infinity"), "$.payload.model.intercept", "not valid JSON"),
                payload("invalid UTF-8 in a name", null, "$.payload.target", "not valid JSON: Invalid UTF-8"),
                // Fields and types.
                payload("missing field in a stage", s -> once(s, "\"means\": [ 26.3201133144476, "
                        + "94.72892351274785, 4.635215864022664 ],", ""), "$.payload.stages[1]",
                        "missing field [means]"),
                payload("extra field in a stage (format 1.1)", s -> once(s, "\"type\": \"standard_scaler\",",
                        "\"type\": \"standard_scaler\", \"with_mean\": true,"), "$.payload.stages[1].with_mean",
                        "unexpected field; the fields here are [type, columns, means, standard_deviations]"),
                payload("type not the first field of a stage", s -> once(s, "\"type\": \"standard_scaler\",\n"
                        + "      \"columns\": [ \"bmi\", \"bp\", \"s5\" ],", "\"columns\": [ \"bmi\", \"bp\", \"s5\" ], "
                        + "\"type\": \"standard_scaler\","), "$.payload.stages[1]",
                        "the first field must be \"type\" but is \"columns\""),
                payload("unknown stage type naming a class", s -> once(s, "\"column_selection\"",
                        "\"java.lang.Runtime\""), "$.payload.stages[0].type",
                        "unknown stage type \"java.lang.Runtime\"; this maas reads [column_selection, imputer, min_max_scaler"),
                newerMinor("unknown stage type in a newer minor version", s -> once(s, "\"column_selection\"",
                        "\"target_encoder\""), "$.payload.stages[0].type", "unknown stage type \"target_encoder\"; "
                        + "this maas reads [column_selection, imputer, min_max_scaler, one_hot_encoder, "
                        + "polynomial_features, standard_scaler] (the file is format 1.3, newer than the 1.1 this maas "
                        + "reads fully: a newer maas may read it)"),
                payload("unknown model type", s -> once(s, "\"linear_model\"", "\"neural_net\""),
                        "$.payload.model.type", "unknown model type \"neural_net\""),
                payload("number as a string", s -> once(s, "\"intercept\": 144.31896317196276",
                        "\"intercept\": \"144.31896317196276\""), "$.payload.model.intercept",
                        "must be a number but is a string"),
                payload("null where a number is required", s -> once(s, "\"intercept\": 144.31896317196276",
                        "\"intercept\": null"), "$.payload.model.intercept", "must be a number but is null"),
                payload("stages not an array", s -> once(s, "\"stages\": [", "\"stages\": {\"a\": [").replace(
                        "} ],\n    \"model\"", "} ]},\n    \"model\""), "$.payload.stages",
                        "must be an array of stages but is an object"),
                payload("integer written as a decimal", s -> once(s, "\"training_rows\": 353",
                        "\"training_rows\": 353.0"), "$.payload.training_rows",
                        "must be an integer but is a decimal number"),
                // Numbers out of range.
                payload("number that overflows a double", s -> once(s, "\"intercept\": 144.31896317196276",
                        "\"intercept\": 1e999"), "$.payload.model.intercept", "\"1e999\" is not a finite double"),
                payload("zero training rows", s -> once(s, "\"training_rows\": 353", "\"training_rows\": 0"),
                        "$.payload.training_rows", "\"0\" is outside 1..2147483647"),
                payload("training rows beyond an int", s -> once(s, "\"training_rows\": 353",
                        "\"training_rows\": 10000000000"), "$.payload.training_rows", "is outside 1..2147483647"),
                payload("zero standard deviation", s -> once(s, "4.289616950835303", "0.0"),
                        "$.payload.stages[1].standard_deviations[0]", "a divisor must be > 0 but is 0.0"),
                payload("negative standard deviation", s -> once(s, "4.289616950835303", "-4.289616950835303"),
                        "$.payload.stages[1].standard_deviations[0]", "a divisor must be > 0"),
                logistic("threshold outside (0, 1)", s -> once(s, "\"threshold\": 0.5", "\"threshold\": 1.5"),
                        "$.payload.model", "threshold must be strictly between 0 and 1 but was 1.5"),
                payload("rank above the parameter count", s -> once(s, "\"rank\": 10", "\"rank\": 11"),
                        "$.payload.model.diagnostics", "impossible fit shape"),
                payload("unknown precision", s -> s.replaceFirst("\"precision\": \"[a-z]+\"", "\"precision\": \"fast\""),
                        "$.payload.model.diagnostics.precision", "\"fast\" is not a precision"),
                payload("creation time not an instant", s -> once(s, "\"2026-01-31T12:00:00.123456789Z\"",
                        "\"yesterday\""), "$.payload.created", "\"yesterday\" is not an ISO-8601 instant"),
                payload("fit time not a duration", s -> s.replaceFirst("\"fit_time\": \"[^\"]+\"",
                        "\"fit_time\": \"1 ms\""), "$.payload.model.diagnostics.fit_time",
                        "\"1 ms\" is not an ISO-8601 duration"),
                // Sizes and names that disagree.
                payload("means shorter than the columns", s -> once(s, "26.3201133144476, ", ""),
                        "$.payload.stages[1].means", "2 values but 3 columns"),
                payload("coefficients shorter than the features", s -> once(s, "23.175830814247494, ", ""),
                        "$.payload.model.coefficients", "8 values but 9 features"),
                payload("stage reads other columns than the one before writes", s -> once(s,
                        "\"columns\": [ \"bmi\", \"bp\", \"s5\" ]", "\"columns\": [ \"bmi\", \"bp\", \"s6\" ]"),
                        "$.payload.stages[1]", "reads column 2 as \"s6\" but $.payload.stages[0] has \"s5\""),
                payload("model reads other columns than the last stage writes", s -> Pattern.compile(
                        ",\\s*\\{\\s*\"type\": \"polynomial_features\".*?\\}(?=\\s*\\])", Pattern.DOTALL)
                        .matcher(s).replaceFirst(""), "$.payload.model",
                        "reads 9 columns but $.payload.stages[1] has 3"),
                payload("polynomial parent after its term", s -> once(s, "\"parents\": [ -1, -1, -1, 0,",
                        "\"parents\": [ -1, -1, -1, 5,"), "$.payload.stages[2].parents[3]",
                        "5 must be -1 or the index of an earlier term"),
                payload("polynomial variable out of range", s -> once(s, "\"variables\": [ 0, 1, 2, 0, 1, 2, 1, 2, 2 ]",
                        "\"variables\": [ 0, 1, 2, 0, 1, 2, 1, 2, 7 ]"), "$.payload.stages[2].variables[8]",
                        "7 is not the index of one of the 3 inputs"),
                payload("polynomial output name not its product", s -> once(s, "\"bmi^2\"", "\"bmi^3\""),
                        "$.payload.stages[2].outputs[3]", "is \"bmi^3\" but the term's product is \"bmi^2\""),
                payload("two terms the same product", s -> once(once(s, "\"parents\": [ -1, -1, -1, 0, 0, 0, 1, 1, 2 ],\n"
                        + "      \"variables\": [ 0, 1, 2, 0, 1, 2, 1, 2, 2 ]", "\"parents\": [ -1, -1, -1, 0, 0, 0, 1, "
                        + "1, 0 ],\n      \"variables\": [ 0, 1, 2, 0, 1, 2, 1, 2, 0 ]"), "\"s5^2\" ]", "\"s5*s5\" ]"),
                        "$.payload.stages[2]", "two terms are the same product"),
                payload("statistics for fewer coefficients than features", s -> Pattern.compile(
                        ", \\{\\s*\"name\": \"s5\\^2\".*?\\}(?=\\s*\\])", Pattern.DOTALL).matcher(s).replaceFirst(""),
                        "$.payload.model.statistics.coefficients", "8 estimates that must name the 9 features"),
                payload("feature named twice", s -> once(s, "\"name\": \"sex\"", "\"name\": \"age\""),
                        "$.payload.features[1].name", "\"age\" is named twice"),
                payload("target that is also a feature", s -> once(s, "\"target\": \"progression\"",
                        "\"target\": \"bmi\""), "$.payload.target", "\"bmi\" is also a feature"),
                payload("unknown feature type", s -> once(s, "\"type\": \"number\"", "\"type\": \"string\""),
                        "$.payload.features[0].type", "unknown feature type \"string\"; this maas reads \"number\" "
                        + "and \"categorical\""),
                newerMinor("unknown feature type in a newer minor version", s -> once(s, "\"type\": \"number\"",
                        "\"type\": \"date\""), "$.payload.features[0].type", "unknown feature type \"date\"; this "
                        + "maas reads \"number\" and \"categorical\" (the file is format 1.3, newer than the 1.1 this "
                        + "maas reads fully: a newer maas may read it)"),
                payload("categorical feature that no stage encodes", s -> once(s, "\"name\": \"sex\",\n      "
                        + "\"type\": \"number\"", "\"name\": \"sex\",\n      \"type\": \"categorical\""),
                        "$.payload.features", "the categorical feature \"sex\" is read by no stage; categorical "
                        + "features need a one_hot_encoder stage"),
                payload("unknown metric", s -> once(s, "\"metrics\": [ \"mse\"", "\"metrics\": [ \"mape\""),
                        "$.payload.metrics[0]", "unknown metric \"mape\""),
                payload("metric of the other task", s -> once(s, "\"metrics\": [ \"mse\"",
                        "\"metrics\": [ \"accuracy\""), "$.payload.metrics",
                        "accuracy evaluates classification but the model does regression"),
                payload("evaluation of a metric the pipeline does not report", s -> once(s,
                        "\"metrics\": [ \"mse\", ", "\"metrics\": [ "), "$.payload.evaluation.values",
                        "mse is not one of the pipeline's metrics"),
                payload("evaluation of zero rows", s -> once(s, "\"rows\": 89", "\"rows\": 0"),
                        "$.payload.evaluation.rows", "\"0\" is outside 1..2147483647"),
                // The one-hot encoder: its fields and types.
                oneHot("one-hot: missing field", s -> once(s, "\"unknown_categories\": \"error\",\n      ", ""),
                        "$.payload.stages[0]", "missing field [unknown_categories]"),
                oneHot("one-hot: extra field (format 1.1)", s -> once(s, "\"type\": \"one_hot_encoder\",",
                        "\"type\": \"one_hot_encoder\", \"drop\": \"first\","), "$.payload.stages[0].drop",
                        "unexpected field; the fields here are [type, inputs, categorical_inputs, unknown_categories, "
                        + "outputs]"),
                oneHot("one-hot: categorical column without levels", s -> once(s, ",\n        \"levels\": [ \"1\", "
                        + "\"2\" ]", ""), "$.payload.stages[0].categorical_inputs[0]", "missing field [levels]"),
                oneHot("one-hot: extra field in a categorical column", s -> once(s, "\"name\": \"sex\",\n        ",
                        "\"name\": \"sex\", \"ordinal\": false,\n        "),
                        "$.payload.stages[0].categorical_inputs[0].ordinal",
                        "unexpected field; the fields here are [name, levels]"),
                oneHot("one-hot: inputs not names", s -> once(s, "\"inputs\": [ \"bmi\", \"bp\" ]",
                        "\"inputs\": [ \"bmi\", 2 ]"), "$.payload.stages[0].inputs[1]",
                        "must be a string but is an integer"),
                oneHot("one-hot: categorical inputs not an array", s -> CATEGORICAL_INPUTS.matcher(s).replaceFirst(
                        "\"categorical_inputs\": {},"), "$.payload.stages[0].categorical_inputs",
                        "must be an array of categorical columns but is an object"),
                oneHot("one-hot: no categorical column", s -> CATEGORICAL_INPUTS.matcher(s).replaceFirst(
                        "\"categorical_inputs\": [ ],"), "$.payload.stages[0].categorical_inputs",
                        "an encoder reads at least one categorical column"),
                oneHot("one-hot: blank categorical column name", s -> once(s, "\"name\": \"sex\",\n        ",
                        "\"name\": \" \",\n        "), "$.payload.stages[0].categorical_inputs[0].name",
                        "a name must not be blank"),
                oneHot("one-hot: levels not an array", s -> once(s, "\"levels\": [ \"1\", \"2\" ]",
                        "\"levels\": \"1\""), "$.payload.stages[0].categorical_inputs[0].levels",
                        "must be an array of levels but is a string"),
                oneHot("one-hot: a level that is a number", s -> once(s, "\"levels\": [ \"1\", \"2\" ]",
                        "\"levels\": [ 1, \"2\" ]"), "$.payload.stages[0].categorical_inputs[0].levels[0]",
                        "must be a string but is an integer"),
                oneHot("one-hot: a level that is null", s -> once(s, "\"levels\": [ \"1\", \"2\" ]",
                        "\"levels\": [ \"1\", null ]"), "$.payload.stages[0].categorical_inputs[0].levels[1]",
                        "must be a string but is null"),
                oneHot("one-hot: unknown-category policy not a string", s -> once(s,
                        "\"unknown_categories\": \"error\"", "\"unknown_categories\": true"),
                        "$.payload.stages[0].unknown_categories", "must be a string but is a boolean"),
                oneHot("one-hot: unknown unknown-category policy", s -> once(s, "\"unknown_categories\": \"error\"",
                        "\"unknown_categories\": \"skip\""), "$.payload.stages[0].unknown_categories",
                        "\"skip\" is not a policy for unknown categories; they are \"error\" and \"zeros\""),
                // The one-hot encoder: levels, names and outputs that disagree.
                oneHot("one-hot: a level listed twice", s -> once(s, "\"levels\": [ \"1\", \"2\" ]",
                        "\"levels\": [ \"1\", \"1\" ]"), "$.payload.stages[0].categorical_inputs[0].levels[1]",
                        "\"1\" is listed twice"),
                oneHot("one-hot: an empty level list", s -> once(s, "\"levels\": [ \"1\", \"2\" ]",
                        "\"levels\": [ ]"), "$.payload.stages[0].categorical_inputs[0].levels",
                        "a categorical column has at least one level"),
                oneHot("one-hot: a categorical column named twice", s -> once(s, "\"name\": \"age_band\",\n        ",
                        "\"name\": \"sex\",\n        "), "$.payload.stages[0].categorical_inputs[1].name",
                        "\"sex\" is named twice"),
                oneHot("one-hot: a categorical column that is also an input", s -> once(s, "\"name\": \"sex\",\n  "
                        + "      ", "\"name\": \"bmi\",\n        "), "$.payload.stages[0].categorical_inputs[0].name",
                        "\"bmi\" is also one of the inputs"),
                oneHot("one-hot: fewer outputs than inputs and levels", s -> once(s, ", \"age_band=70s\" ]", " ]"),
                        "$.payload.stages[0].outputs", "10 values but 11 columns: the inputs, then one per level"),
                oneHot("one-hot: an input not passed through first", s -> once(s, "\"outputs\": [ \"bmi\", \"bp\"",
                        "\"outputs\": [ \"bp\", \"bmi\""), "$.payload.stages[0].outputs[0]",
                        "is \"bp\" but the encoder passes the input \"bmi\" through there"),
                oneHot("one-hot: output name not column=level", s -> once(s, "\"sex=1\", \"sex=2\"",
                        "\"sex=1\", \"sex:2\""), "$.payload.stages[0].outputs[3]",
                        "is \"sex:2\" but the encoder writes \"sex=2\""),
                oneHot("one-hot: outputs not in the order of the levels", s -> once(s, "\"sex=1\", \"sex=2\"",
                        "\"sex=2\", \"sex=1\""), "$.payload.stages[0].outputs[2]",
                        "is \"sex=2\" but the encoder writes \"sex=1\""),
                // The one-hot encoder against the categorical features of the payload.
                oneHot("one-hot: categorical column declared a number", s -> once(s, "\"name\": \"sex\",\n      "
                        + "\"type\": \"categorical\"", "\"name\": \"sex\",\n      \"type\": \"number\""),
                        "$.payload.stages[0]", "reads \"sex\" as a categorical column but $.payload.features "
                        + "declares it a number"),
                oneHot("one-hot: categorical column not declared", s -> once(s, ", {\n      \"name\": \"age_band\",\n"
                        + "      \"type\": \"categorical\"\n    }", ""), "$.payload.stages[0]",
                        "reads the categorical column \"age_band\", which $.payload.features does not declare"),
                oneHot("one-hot: declared categorical feature not encoded", s -> once(s, "\"type\": \"categorical\"\n"
                        + "    } ],", "\"type\": \"categorical\"\n    }, {\"name\": \"region\", \"type\": "
                        + "\"categorical\"} ],"), "$.payload.stages[0]",
                        "does not read the categorical feature \"region\" that $.payload.features declares"),
                oneHot("one-hot: categorical features in another order", s -> once(once(once(s,
                        "\"name\": \"sex\",\n      \"type\"", "\"name\": \"@\",\n      \"type\""),
                        "\"name\": \"age_band\",\n      \"type\"", "\"name\": \"sex\",\n      \"type\""),
                        "\"name\": \"@\"", "\"name\": \"age_band\""), "$.payload.stages[0]",
                        "reads categorical column 0 as \"sex\" but $.payload.features declares \"age_band\" there"),
                oneHot("one-hot: two encoders", HostileModelFileTest::twoEncoders, "$.payload.stages[1]",
                        "encodes categorical columns but $.payload.stages[0] already does; a pipeline encodes them "
                        + "once"),
                // Limits, checked before allocating for what they limit.
                payload("an array longer than the limit", s -> once(s, "\"cost_history\": [ ]",
                        "\"cost_history\": [" + "0,".repeat(Limits.MAX_ARRAY_LENGTH) + "0]"),
                        "$.payload.model.diagnostics.cost_history[1000000]",
                        "an array has more than the format's limit of 1000000 elements"),
                // The root is value 1, "extra" value 2, inner array k value 3 + k·1,000,000 and its element i the
                // value 4 + k·1,000,000 + i: value 4,000,001 is element 999,997 of array 3.
                raw("more values than the limit", once(new String(Fixtures.seal(PAYLOAD, "1.3"),
                        StandardCharsets.UTF_8), "{", "{\"extra\": [" + String.join(",", java.util.Collections.nCopies(
                        4, "[" + "0,".repeat(Limits.MAX_ARRAY_LENGTH - 2) + "0]")) + "], "), "$.extra[3][999997]",
                        "the file holds more than the format's limit of 4000000 values"),
                newerMinor("nesting deeper than the limit", s -> once(s, "{", "{\"extra\": " + "[".repeat(40)
                        + "]".repeat(40) + ", "), "$.payload.extra" + "[0]".repeat(31),
                        "a limit of the format is exceeded: Document nesting depth (33) exceeds the maximum allowed "
                                + "(32"),
                payload("string longer than the limit", s -> once(s, "\"target\": \"progression\"",
                        "\"target\": \"" + "y".repeat(Limits.MAX_STRING_LENGTH + 1) + "\""), "$.payload.target",
                        "a limit of the format is exceeded: String value length (65537) exceeds the maximum allowed "
                                + "(65536"),
                payload("more features than the column limit", s -> once(s, "\"features\": [ {",
                        "\"features\": [ " + IntStream.range(0, Limits.MAX_COLUMNS).mapToObj(
                                j -> "{\"name\": \"x" + j + "\", \"type\": \"number\"}, ").collect(
                                Collectors.joining()) + "{"), "$.payload.features",
                        "more than the format's limit of 100000 features"),
                payload("more stages than the limit", s -> once(s, "\"stages\": [ {", "\"stages\": [ " + ("{\"type\": "
                        + "\"standard_scaler\", \"columns\": [\"a\"], \"means\": [0.0], \"standard_deviations\": [1.0]"
                        + "}, ").repeat(Limits.MAX_STAGES) + "{"), "$.payload.stages",
                        "more than the format's limit of 1000 stages"),
                payload("polynomial bigger than the limit of terms x inputs", HostileModelFileTest::hugePolynomial,
                        "$.payload.stages[2]", "10001 terms over 1001 inputs exceed the format's limit of 10000000"),
                payload("polynomial whose term names would be gigabytes", HostileModelFileTest::longNamedPolynomial,
                        "$.payload.stages[2].outputs[0]",
                        "is \"t0\" but the term's product has a name of 60000 characters"),
                oneHot("one-hot: more levels in a column than the limit", s -> CATEGORICAL_INPUTS.matcher(s)
                        .replaceFirst(categoricalInputs(2, Limits.MAX_LEVELS + 1)),
                        "$.payload.stages[0].categorical_inputs[1].levels",
                        "more than the format's limit of 100000 levels (over all the encoder's categorical columns)"),
                oneHot("one-hot: more levels over its columns than the limit", s -> CATEGORICAL_INPUTS.matcher(s)
                        .replaceFirst(categoricalInputs(60_000, Limits.MAX_LEVELS - 60_000 + 1)),
                        "$.payload.stages[0].categorical_inputs[1].levels",
                        "more than the format's limit of 100000 levels (over all the encoder's categorical columns)"),
                oneHot("one-hot: output names that would be gigabytes", HostileModelFileTest::longNamedEncoder,
                        "$.payload.stages[0].outputs[2]", "is \"sex=0\" but the encoder writes \"s" + "x".repeat(39)
                        + "...(65002 chars)\""),
                raw("one-hot: unknown-category policy of a newer minor version", Fixtures.seal(once(ONE_HOT,
                        "\"unknown_categories\": \"error\"", "\"unknown_categories\": \"most_frequent\""), "1.3"),
                        "$.payload.stages[0].unknown_categories", "\"most_frequent\" is not a policy for unknown "
                        + "categories; they are \"error\" and \"zeros\" (the file is format 1.3, newer than the 1.1 "
                        + "this maas reads fully: a newer maas may read it)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void a_hostile_file_is_rejected_saying_what_and_where(Hostile hostile) {
        assertThatThrownBy(() -> ModelFile.read(new ByteArrayInputStream(hostile.bytes())))
                .isInstanceOfSatisfying(ModelFormatException.class, e -> {
                    assertThat(e.getMessage()).startsWith(e.path()).contains(hostile.problem());
                    assertThat(e.path()).isEqualTo(hostile.path());
                });
    }

    @Test
    void the_valid_base_files_load() {
        assertThat(ModelFile.fromBytes(Fixtures.seal(PAYLOAD)).pipeline().featureNames()).hasSize(10);
        assertThat(ModelFile.fromBytes(Fixtures.seal(LOGISTIC)).pipeline().featureNames()).hasSize(30);
    }

    @Test
    void a_syntax_error_reports_its_line_column_and_offset() {
        byte[] bytes = Fixtures.seal(once(PAYLOAD, "\"intercept\": 144.31896317196276", "\"intercept\": NaN"));

        String text = new String(bytes, StandardCharsets.UTF_8);
        int offset = text.indexOf("NaN") + "NaN".length(); // where the parser stopped: just after the bad token
        long line = text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        long column = offset - text.lastIndexOf('\n', offset);

        assertThatThrownBy(() -> ModelFile.fromBytes(bytes)).isInstanceOfSatisfying(ModelFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(line).isGreaterThan(50);
            assertThat(e.column()).isEqualTo(column);
            assertThat(e.byteOffset()).isEqualTo(offset);
            assertThat(e.getMessage()).startsWith("$.payload.model.intercept (line " + line + ", column " + column
                    + "): not valid JSON");
        });
    }

    @Test
    void a_file_larger_than_the_limit_is_rejected_by_its_size_before_it_is_read(@TempDir Path directory)
            throws IOException {
        Path file = directory.resolve("huge.model.json");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(Limits.MAX_FILE_BYTES + 1L);
        }

        assertThatThrownBy(() -> ModelFile.load(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("$: the file is larger than the format's limit of 67108864 bytes");
    }

    @Test
    void a_stream_longer_than_the_limit_is_rejected_without_reading_its_rest() {
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                served++;
                return ' ';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) ' ');
                served += length;
                return length;
            }
        };

        assertThatThrownBy(() -> ModelFile.read(endless))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("the file is larger than the format's limit");
    }

    // ---- building hostile files ----

    private static Hostile raw(String name, byte[] bytes, String path, String problem) {
        return new Hostile(name, bytes, path, problem);
    }

    private static Hostile raw(String name, String text, String path, String problem) {
        return raw(name, text.getBytes(StandardCharsets.UTF_8), path, problem);
    }

    /** Edits the valid file's text, leaving its checksum as it was. */
    private static Hostile file(String name, UnaryOperator<String> edit, String path, String problem) {
        return raw(name, edit.apply(FILE), path, problem);
    }

    /** Edits the payload and reseals it as format 1.0 with its correct checksum; null edits bytes (bad UTF-8). */
    private static Hostile payload(String name, UnaryOperator<String> edit, String path, String problem) {
        if (edit == null) {
            return raw(name, invalidUtf8(), path, problem);
        }
        return raw(name, Fixtures.seal(edit.apply(PAYLOAD)), path, problem);
    }

    /** Edits the payload of the one-hot pipeline and reseals it. */
    private static Hostile oneHot(String name, UnaryOperator<String> edit, String path, String problem) {
        return raw(name, Fixtures.seal(edit.apply(ONE_HOT)), path, problem);
    }

    private static Hostile logistic(String name, UnaryOperator<String> edit, String path, String problem) {
        return raw(name, Fixtures.seal(edit.apply(LOGISTIC)), path, problem);
    }

    /** Edits the payload and reseals it as format 1.3, whose unknown fields would be skipped. */
    private static Hostile newerMinor(String name, UnaryOperator<String> edit, String path, String problem) {
        return raw(name, Fixtures.seal(edit.apply(PAYLOAD), "1.3"), path, problem);
    }

    /** Replaces the first occurrence, which must exist: a table row whose edit misses would test nothing. */
    static String once(String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0) {
            throw new IllegalArgumentException("the base file has no " + target);
        }
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    private static String sha256(String file) {
        Matcher matcher = Pattern.compile("\"sha256\": \"([0-9a-f]+)\"").matcher(file);
        return matcher.find() ? matcher.group(1) : "";
    }

    /** The target name with the bytes C3 28: a UTF-8 lead byte followed by an invalid continuation. */
    private static byte[] invalidUtf8() {
        byte[] payload = once(PAYLOAD, "\"progression\"", "\"progression\u00ff\"").getBytes(StandardCharsets.UTF_8);
        int at = new String(payload, StandardCharsets.ISO_8859_1).indexOf("progression") + "progression".length();
        payload[at] = (byte) 0xC3;
        payload[at + 1] = 0x28;
        byte[] envelopeStart = "{\"format\": \"maas-model\", \"format_version\": \"1.0\", \"payload\": "
                .getBytes(StandardCharsets.US_ASCII);
        byte[] envelopeEnd = (", \"sha256\": \"" + Envelope.sha256(payload, 0, payload.length) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] file = new byte[envelopeStart.length + payload.length + envelopeEnd.length];
        System.arraycopy(envelopeStart, 0, file, 0, envelopeStart.length);
        System.arraycopy(payload, 0, file, envelopeStart.length, payload.length);
        System.arraycopy(envelopeEnd, 0, file, envelopeStart.length + payload.length, envelopeEnd.length);
        return file;
    }

    /**
     * Replaces the polynomial stage by 1,000 chained products over 100 inputs with names of 60,000 characters: term t
     * multiplies up to 100 such names, so the names derived from the terms would take 6 G characters.
     */
    private static String longNamedPolynomial(String payload) {
        String inputs = IntStream.range(0, 100).mapToObj(j -> "\"" + (char) ('a' + j % 26) + j + "x".repeat(60_000
                - 1 - Integer.toString(j).length()) + "\"").collect(Collectors.joining(", "));
        String parents = IntStream.range(0, 1000).mapToObj(t -> Integer.toString(t - 1)).collect(
                Collectors.joining(", "));
        String variables = IntStream.range(0, 1000).mapToObj(t -> Integer.toString(t % 100)).collect(
                Collectors.joining(", "));
        String outputs = IntStream.range(0, 1000).mapToObj(t -> "\"t" + t + "\"").collect(Collectors.joining(", "));
        return Pattern.compile("\\{\\s*\"type\": \"polynomial_features\".*?\\}(?=\\s*\\])", Pattern.DOTALL)
                .matcher(payload).replaceFirst(Matcher.quoteReplacement("{\"type\": \"polynomial_features\", "
                        + "\"inputs\": [" + inputs + "], \"parents\": [" + parents + "], \"variables\": [" + variables
                        + "], \"outputs\": [" + outputs + "]}"));
    }

    /** The encoder's categorical columns sex and age_band with {@code sexLevels} and {@code ageLevels} levels. */
    private static String categoricalInputs(int sexLevels, int ageLevels) {
        return Matcher.quoteReplacement("\"categorical_inputs\": [{\"name\": \"sex\", \"levels\": [" + IntStream.range(
                0, sexLevels).mapToObj(k -> "\"" + k + "\"").collect(Collectors.joining(",")) + "]}, {\"name\": "
                + "\"age_band\", \"levels\": [" + IntStream.range(0, ageLevels).mapToObj(k -> "\"" + k + "\"")
                .collect(Collectors.joining(",")) + "]}],");
    }

    /**
     * Renames the encoder's column sex to a name of 65,000 characters with 90,000 levels, keeping short output names:
     * the names {@code column=level} would take 5.8 G characters if the loader built them to compare.
     */
    private static String longNamedEncoder(String payload) {
        String name = "s" + "x".repeat(64_999);
        String levels = IntStream.range(0, 90_000).mapToObj(k -> "\"" + k + "\"").collect(Collectors.joining(","));
        String outputs = IntStream.range(0, 90_000).mapToObj(k -> "\"sex=" + k + "\"").collect(Collectors.joining(
                ", "));
        String edited = CATEGORICAL_INPUTS.matcher(payload).replaceFirst(Matcher.quoteReplacement(
                "\"categorical_inputs\": [{\"name\": \"" + name + "\", \"levels\": [" + levels + "]}, {\"name\": "
                        + "\"age_band\", \"levels\": [\"10s\", \"20s\", \"30s\", \"40s\", \"50s\", \"60s\", "
                        + "\"70s\"]}],"));
        return once(edited, "\"sex=1\", \"sex=2\"", outputs);
    }

    /** Inserts a second encoder after the first: it reads the first's outputs and encodes sex again. */
    private static String twoEncoders(String payload) {
        String outputs = "\"bmi\", \"bp\", \"sex=1\", \"sex=2\", \"age_band=10s\", \"age_band=20s\", "
                + "\"age_band=30s\", \"age_band=40s\", \"age_band=50s\", \"age_band=60s\", \"age_band=70s\"";
        return once(payload, "}, {\n      \"type\": \"standard_scaler\"", "}, {\"type\": \"one_hot_encoder\", "
                + "\"inputs\": [" + outputs + "], \"categorical_inputs\": [{\"name\": \"sex\", \"levels\": "
                + "[\"x\"]}], \"unknown_categories\": \"error\", \"outputs\": [" + outputs + ", \"sex=x\"]}, {\n"
                + "      \"type\": \"standard_scaler\"");
    }

    /** Replaces the polynomial stage by one of 10,001 terms over 1,001 inputs (the first three real). */
    private static String hugePolynomial(String payload) {
        String inputs = "\"bmi\", \"bp\", \"s5\"" + IntStream.range(3, 1001).mapToObj(j -> ", \"z" + j + "\"")
                .collect(Collectors.joining());
        String parents = IntStream.range(0, 10_001).mapToObj(t -> "-1").collect(Collectors.joining(", "));
        String variables = IntStream.range(0, 10_001).mapToObj(t -> "0").collect(Collectors.joining(", "));
        String outputs = IntStream.range(0, 10_001).mapToObj(t -> "\"t" + t + "\"").collect(Collectors.joining(", "));
        return Pattern.compile("\\{\\s*\"type\": \"polynomial_features\".*?\\}(?=\\s*\\])", Pattern.DOTALL)
                .matcher(payload).replaceFirst(Matcher.quoteReplacement("{\"type\": \"polynomial_features\", "
                        + "\"inputs\": [" + inputs + "], \"parents\": [" + parents + "], \"variables\": [" + variables
                        + "], \"outputs\": [" + outputs + "]}"));
    }
}
