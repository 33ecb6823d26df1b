package io.maas.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedbackRequestTest {

    private static FeedbackRequest read(String body) {
        return FeedbackRequest.read(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void one_pair_or_lists_of_pairs() {
        FeedbackRequest one = read("{\"y_pred\": 151.5, \"y_true\": 148}");
        FeedbackRequest many = read("{\"y_true\": [1, 0, 1], \"y_pred\": [0.9, 0.2, 0.4]}");

        assertThat(one.predicted()).containsExactly(151.5);
        assertThat(one.actual()).containsExactly(148.0);
        assertThat(many.predicted()).containsExactly(0.9, 0.2, 0.4);
        assertThat(many.actual()).containsExactly(1.0, 0.0, 1.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"y_pred\": 1}                               | the body needs both \"y_pred\" and \"y_true\"",
        "{\"y_pred\": [1, 2], \"y_true\": [1]}         | y_pred has 2 values but y_true has 1; they come in pairs",
        "{\"y_pred\": [], \"y_true\": []}              | y_pred is empty",
        "{\"y_pred\": [1, \"2\"], \"y_true\": [1, 2]}  | y_pred[1] must be a number but is the string '2'",
        "{\"y_pred\": 1, \"y_true\": 1e999}            | y_true is the number 1e999, beyond the range of a double",
        "{\"y_pred\": 1, \"y_true\": 1, \"id\": 7}     | unknown field 'id'",
        "{\"y_pred\": NaN, \"y_true\": 1}              | Non-standard token 'NaN'"})
    void bad_bodies_are_400_with_the_reason(String body, String message) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOf(HttpError.class).hasMessageContaining(message);
    }
}
