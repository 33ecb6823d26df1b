package io.maas.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "12|12", "-0.5|-0.5", ".25|0.25", "3.|3", "+2E+2|200", "1e-3|0.001", "' 7\t'|7", "-0|-0.0", "0.0|0",
        "1e-400|0", "4.9e-324|4.9e-324", "1.7976931348623157e308|1.7976931348623157e308",
        "0000000000000000000000012.5|12.5", "123456789012345678901234567890|1.2345678901234568e29",
        "0.1|0.1", "9007199254740993|9007199254740992", "1e22|1e22", "1e23|1e23"})
    void plain_decimals_parse_to_the_nearest_double(String text, double expected) {
        assertThat(DecimalParser.parse(text)).isEqualTo(expected);
        assertThat(Double.doubleToRawLongBits(DecimalParser.parse(text)))
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text.strip())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "1.5d", "2f", "Infinity", "-Infinity", "NaN", "1,000", "1e", "1e+", "--1", ".",
        "+", "1.2.3", "e5", "１", "1 2", "1_000", "0b1", "∞"})
    void other_forms_are_not_numbers(String text) {
        assertThatThrownBy(() -> DecimalParser.parse(text))
                .isInstanceOf(NumberFormatException.class)
                .hasMessage(DecimalParser.NOT_A_NUMBER);
        assertThat(DecimalParser.parseOrNaN(text.toCharArray(), 0, text.length())).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t "})
    void blank_is_empty(String text) {
        assertThatThrownBy(() -> DecimalParser.parse(text)).hasMessage(DecimalParser.EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e309", "1.8e308", "1e100000000000"})
    void overflow_is_an_error(String text) {
        assertThatThrownBy(() -> DecimalParser.parse(text)).hasMessage(DecimalParser.OVERFLOW);
    }

    @Test
    void a_range_inside_a_larger_buffer_is_parsed_alone() {
        char[] buffer = "xx-12.5e1yy".toCharArray();

        assertThat(DecimalParser.parse(buffer, 2, 7)).isEqualTo(-125.0);
    }

    @Test
    void random_decimals_agree_bit_for_bit_with_parse_double() {
        // Exercises both the exact fast path (<= 15 digits, |exponent| <= 22) and FastDoubleParser behind it.
        SplittableRandom random = new SplittableRandom(20240601);
        List<String> disagreements = new ArrayList<>();
        for (int k = 0; k < 100_000; k++) {
            String text = randomDecimal(random);
            double expected = Double.parseDouble(text);
            if (Double.isFinite(expected) && Double.doubleToRawLongBits(DecimalParser.parse(text))
                    != Double.doubleToRawLongBits(expected)) {
                disagreements.add(text);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static String randomDecimal(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append(random.nextBoolean() ? '-' : '+');
        }
        int integerDigits = random.nextInt(0, 20);
        int fractionDigits = integerDigits == 0 ? random.nextInt(1, 20) : random.nextInt(0, 20);
        for (int i = 0; i < integerDigits; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        if (fractionDigits > 0 || random.nextBoolean()) {
            text.append('.');
        }
        for (int i = 0; i < fractionDigits; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(3) == 0) {
            int exponent = random.nextInt(-330, 310);
            text.append(random.nextBoolean() ? 'e' : 'E').append(exponent < 0 ? "" : "+").append(exponent);
        }
        return text.toString();
    }
}
