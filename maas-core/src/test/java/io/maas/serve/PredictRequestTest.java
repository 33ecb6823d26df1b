package io.maas.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PredictRequestTest {

    private static final PredictRequest.Schema SCHEMA = new PredictRequest.Schema(List.of("a", "b", "c"), false);

    private static PredictRequest read(String body) {
        return read(body, SCHEMA);
    }

    private static PredictRequest read(String body, PredictRequest.Schema schema) {
        return PredictRequest.read(body.getBytes(StandardCharsets.UTF_8), schema);
    }

    @Test
    void one_row_is_single_and_lists_are_not() {
        PredictRequest one = read("{\"X\": [1, 2.5, -3e2]}");
        PredictRequest list = read("{\"X\": [[1, 2, 3], [4, 5, 6]]}");
        PredictRequest named = read("{\"rows\": [{\"c\": 3, \"a\": 1, \"b\": 2}, {\"b\": 5, \"a\": 4, \"c\": 6}]}");

        assertThat(one.single()).isTrue();
        assertThat(one.rows()).isDeepEqualTo(new double[][] {{1, 2.5, -300}});
        assertThat(list.single()).isFalse();
        assertThat(list.rows()).isDeepEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(named.single()).isFalse();
        assertThat(named.rows()).isDeepEqualTo(list.rows());
    }

    @Test
    void numbers_are_read_to_the_nearest_double() {
        PredictRequest request = read("{\"X\": [0.1, 4.9e-324, 1.7976931348623157e308]}");

        assertThat(request.rows()[0]).containsExactly(0.1, Double.MIN_VALUE, Double.MAX_VALUE);
    }

    @Test
    void null_is_a_missing_value_when_the_model_starts_with_an_imputer() {
        PredictRequest.Schema imputing = new PredictRequest.Schema(List.of("a", "b"), true);

        assertThat(read("{\"X\": [null, 2]}", imputing).rows()[0]).containsExactly(Double.NaN, 2.0);
        assertThat(read("{\"rows\": [{\"a\": 1, \"b\": null}]}", imputing).rows()[0])
                .containsExactly(1.0, Double.NaN);
    }

    @Test
    void many_rows_grow_the_list() {
        StringBuilder body = new StringBuilder("{\"X\": [");
        for (int i = 0; i < 100; i++) {
            body.append(i == 0 ? "" : ",").append("[").append(i).append(", 0, 0]");
        }
        double[][] rows = read(body.append("]}").toString()).rows();

        assertThat(rows).hasNumberOfRows(100);
        assertThat(rows[99]).containsExactly(99, 0, 0);
    }

    static Stream<Arguments> bad_bodies() {
        return Stream.of(
                arguments("", "the body is empty; send a JSON object such as {\"X\": [0.1, 2.5, ...]}"),
                arguments("[1,2,3]", "the body must be a JSON object such as {\"X\": [0.1, 2.5, ...]} but starts"
                        + " with a list"),
                arguments("{\"X\": [1, 2, NaN]}", "invalid JSON at line 1, column 17: Non-standard token 'NaN';"
                        + " NaN and Infinity are not JSON numbers, and every value must be finite"),
                arguments("{\"X\": [1, 2, Infinity]}", "Non-standard token 'Infinity'; NaN and Infinity"),
                arguments("{\"X\": [1, 2, -Infinity]}", "Non-standard token '-Infinity'"),
                arguments("{\"X\": [1, 2, 3], \"X\": [1, 2, 3]}",
                        "invalid JSON at line 1, column 21: Duplicate field 'X'"),
                arguments("{\"X\": [1, 2, 3]} {}", "invalid JSON at line 1, column 18: unexpected content after the"
                        + " object"),
                arguments("{\"X\": [1, 2, 3]} x", "invalid JSON at line 1, column 19: Unrecognized token 'x'"),
                arguments("{\"X\": [1, 2, 3],}", "invalid JSON at line 1, column 17: Unexpected character ('}'"),
                arguments("{\"X\": [1, 2, 3]", "invalid JSON at line 1, column 16: Unexpected end-of-input:"
                        + " expected close marker for Object"),
                arguments("{\"X\": [1, 2, 3]} // comment", "maybe a (non-standard) comment?"),
                arguments("{'X': [1, 2, 3]}", "was expecting double-quote to start field name"),
                arguments("{\"X\": [1, 2, 01]}", "Leading zeroes not allowed"),
                arguments("{\"X\": [1, 2, 1e400]}", "X[2] ('c') is the number 1e400, beyond the range of a double;"
                        + " values must be finite"),
                arguments("{\"X\": [1, 2, \"3\"]}", "X[2] ('c') must be a number but is the string '3'"),
                arguments("{\"X\": [1, 2, null]}", "X[2] ('c') is null, a missing value; this model has no"
                        + " imputer, so every feature needs a finite number"),
                arguments("{\"X\": [1, 2]}", "X has 2 values but the model expects 3 features [a, b, c]"),
                arguments("{\"X\": [1, 2, 3, 4]}", "X has 4 values but the model expects 3 features [a, b, c]"),
                arguments("{\"X\": [[1, 2, 3], [1, 2]]}", "X[1] has 2 values but the model expects 3 features"),
                arguments("{\"X\": [[1, 2, 3], 4]}", "X[1] must be a list of 3 numbers like the rows before it,"
                        + " but is the number 4"),
                arguments("{\"X\": [[[1]]]}", "X[0][0] ('a') must be a number but is a list"),
                arguments("{\"X\": []}", "X is empty; send one row of 3 numbers [a, b, c], or a list of rows"),
                arguments("{\"X\": [[]]}", "X[0] has 0 values but the model expects 3 features [a, b, c]"),
                arguments("{\"X\": 5}", "X must be a list of 3 numbers, or a list of such lists, but is the"
                        + " number 5"),
                arguments("{\"Y\": [1, 2, 3]}", "unknown field 'Y'; the body holds \"X\""),
                arguments("{}", "the body has no \"X\" and no \"rows\""),
                arguments("{\"X\": [1, 2, 3], \"rows\": [{\"a\": 1, \"b\": 2, \"c\": 3}]}",
                        "the body holds both \"X\" and \"rows\"; send one of them"),
                arguments("{\"rows\": [{\"a\": 1, \"b\": 2}]}", "rows[0] has no value for feature 'c'; every row"
                        + " needs all of [a, b, c]"),
                arguments("{\"rows\": [{\"a\": 1, \"b\": 2, \"c\": 3, \"bmi\": 4}]}", "rows[0] has unknown"
                        + " feature 'bmi'; the features are [a, b, c]"),
                arguments("{\"rows\": [{\"a\": 1, \"b\": 2, \"c\": 3, \"a\": 4}]}", "Duplicate field 'a'"),
                arguments("{\"rows\": []}", "rows is empty"),
                arguments("{\"rows\": [[1, 2, 3]]}", "rows[0] must be an object from feature name to number, but"
                        + " is a list"),
                arguments("{\"rows\": [{\"a\": 1, \"b\": 2, \"c\": true}]}", "rows[0].c must be a number but is"
                        + " true"),
                arguments("{\"X\": [1, 2, 3]}\u0000", "invalid JSON"),
                arguments("{\"" + "k".repeat(100) + "\": 1}", "unknown field '" + "k".repeat(64) + "...'"));
    }

    @ParameterizedTest
    @MethodSource
    void bad_bodies(String body, String message) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOf(HttpError.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((HttpError) e).status()).isEqualTo(400))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Source", "JsonReadFeature", "enable"));
    }

    @Test
    void invalid_utf8_is_malformed_json() {
        byte[] body = {'{', '"', (byte) 0xFF, 'x', '"', ':', '1', '}'};

        assertThatThrownBy(() -> PredictRequest.read(body, SCHEMA))
                .isInstanceOf(HttpError.class).hasMessageContaining("Invalid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
        "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"", "application/json; foo=bar"})
    void json_in_utf8_is_accepted(String contentType) {
        assertThat(RequestHandler.isJsonUtf8(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
        "application/jsonx", "", "json"})
    void other_content_types_are_refused(String contentType) {
        assertThat(RequestHandler.isJsonUtf8(contentType)).isFalse();
    }
}
