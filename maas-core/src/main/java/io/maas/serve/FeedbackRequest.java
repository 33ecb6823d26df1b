package io.maas.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The pairs of a {@code POST /feedback} body: {@code {"y_pred": 151.2, "y_true": 148.0}} for one pair, or
 * {@code {"y_pred": [...], "y_true": [...]}} for several, the two lists of equal length. Values must be finite
 * numbers; whether they suit the model (a label for a classifier) is the monitor's check.
 *
 * @param predicted what the model predicted, one value per pair
 * @param actual    what happened, one value per pair
 */
record FeedbackRequest(double[] predicted, double[] actual) {

    static final String EXAMPLE = "{\"y_pred\": [151.2, 75.0], \"y_true\": [148.0, 80.0]}";

    /** Parses and checks a body. */
    static FeedbackRequest read(byte[] body) {
        return Json.readObject(body, EXAMPLE, FeedbackRequest::read);
    }

    private static FeedbackRequest read(JsonParser parser) throws IOException {
        double[] predicted = null;
        double[] actual = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("y_pred")) {
                predicted = readValues(parser, field);
            } else if (field.equals("y_true")) {
                actual = readValues(parser, field);
            } else {
                throw HttpError.badRequest("unknown field " + Json.quote(field)
                        + "; the body holds \"y_pred\" and \"y_true\", such as " + EXAMPLE);
            }
        }
        if (predicted == null || actual == null) {
            throw HttpError.badRequest("the body needs both \"y_pred\" and \"y_true\", such as " + EXAMPLE);
        }
        if (predicted.length != actual.length) {
            throw HttpError.badRequest(String.format(Locale.ROOT,
                    "y_pred has %d values but y_true has %d; they come in pairs", predicted.length, actual.length));
        }
        return new FeedbackRequest(predicted, actual);
    }

    /** One number, or a non-empty list of numbers. */
    private static double[] readValues(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return new double[] {readNumber(parser, field)};
        }
        double[] values = new double[16];
        int n = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n] = readNumber(parser, String.format(Locale.ROOT, "%s[%d]", field, n));
            n++;
        }
        if (n == 0) {
            throw HttpError.badRequest(field + " is empty; send a number or a non-empty list of numbers");
        }
        return Arrays.copyOf(values, n);
    }

    private static double readNumber(JsonParser parser, String where) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw HttpError.badRequest(where + " must be a number but is " + Json.describe(parser));
        }
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw HttpError.badRequest(where + " is " + Json.describe(parser)
                    + ", beyond the range of a double; values must be finite");
        }
        return value;
    }
}
