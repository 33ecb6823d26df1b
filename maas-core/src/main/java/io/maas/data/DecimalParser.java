package io.maas.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Parses the text of one numeric cell strictly: plain decimal notation only.
 *
 * <p>Accepted: optional sign, digits with an optional fraction (or a fraction alone, ".5"), an optional exponent,
 * surrounded by optional spaces or tabs: {@code 12}, {@code -0.5}, {@code .25}, {@code 3.}, {@code 1e-3},
 * {@code +2.5E+10}. Rejected, although {@link Double#parseDouble} takes them: hexadecimal ("0x1p3"), type suffixes
 * ("1.5d", "2f"), "NaN", "Infinity", thousands separators, and numbers whose magnitude overflows a double
 * ("1e400"). Numbers that underflow round to zero or a subnormal, as IEEE 754 specifies.
 *
 * <p>Speed without a second grammar: one pass checks the grammar and gathers the decimal significand. When it has
 * at most 15 digits and the decimal exponent is within [-22, 22], the value is one correctly rounded
 * IEEE multiplication or division of two exactly representable doubles (Clinger, "How to read floating point
 * numbers accurately", PLDI 1990), which covers most data written by programs. Every other number, having passed
 * the same grammar check, goes to FastDoubleParser's {@code JavaDoubleParser}, which rounds correctly in all cases
 * and whose Java grammar is a superset of ours. Either way the result is the double nearest to the decimal value,
 * bit for bit what {@code Double.parseDouble} returns.
 */
final class DecimalParser {

    /** Powers of ten that a double holds exactly: 10^22 &lt; 2^53 * 2^22 is the largest such power. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    /** 15 decimal digits always fit the 53-bit significand of a double exactly. */
    private static final int EXACT_DIGITS = 15;
    private static final int MAX_EXACT_EXPONENT = 22;
    /** Beyond this the exponent only says "overflow" or "underflow"; capping it keeps the int from wrapping. */
    private static final int EXPONENT_CAP = 100_000;

    static final String NOT_A_NUMBER = "is not a number (expected plain decimal notation such as -12.5e3)";
    static final String EMPTY = "is empty, expected a number";
    static final String OVERFLOW = "is too large in magnitude for a double (max about 1.8e308)";

    private DecimalParser() {
    }

    /**
     * Returns the value of {@code text}, or throws {@link NumberFormatException} with the reason (the caller adds
     * line and column).
     */
    static double parse(String text) {
        char[] chars = text.toCharArray();
        return parse(chars, 0, chars.length);
    }

    /**
     * Returns the value of the {@code length} characters at {@code offset}, or throws {@link NumberFormatException}
     * with the reason ({@link #EMPTY}, {@link #NOT_A_NUMBER} or {@link #OVERFLOW}).
     */
    static double parse(char[] text, int offset, int length) {
        double value = parseOrNaN(text, offset, length);
        if (Double.isFinite(value)) {
            return value;
        }
        throw new NumberFormatException(reason(text, offset, length));
    }

    /**
     * Returns why {@link #parseOrNaN} did not give a finite value for these characters: {@link #EMPTY},
     * {@link #NOT_A_NUMBER} or {@link #OVERFLOW}.
     */
    static String reason(char[] text, int offset, int length) {
        double value = parseOrNaN(text, offset, length);
        if (Double.isInfinite(value)) {
            return OVERFLOW;
        }
        for (int i = offset; i < offset + length; i++) {
            if (!isBlank(text[i])) {
                return NOT_A_NUMBER;
            }
        }
        return EMPTY;
    }

    /**
     * Returns the value of the {@code length} characters at {@code offset}; NaN if they are not a number in the
     * grammar (or blank), an infinity if the number overflows. No exception: the reader's hot path, where a missing
     * value is not exceptional.
     */
    static double parseOrNaN(char[] text, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && isBlank(text[start])) {
            start++;
        }
        while (end > start && isBlank(text[end - 1])) {
            end--;
        }
        if (start == end) {
            return Double.NaN;
        }
        int i = start;
        boolean negative = false;
        char c = text[i];
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
        // One loop over the digits and at most one point; the significand is exact while there are at most 18
        // digits (and is only used when there are at most 15).
        long significand = 0;
        int firstDigit = i;
        int point = -1;
        for (; i < end; i++) {
            c = text[i];
            int digit = c - '0';
            if (digit >= 0 && digit <= 9) {
                significand = 10 * significand + digit;
            } else if (c == '.' && point < 0) {
                point = i;
            } else {
                break;
            }
        }
        int digits = i - firstDigit - (point < 0 ? 0 : 1);
        if (digits == 0) {
            return Double.NaN;
        }
        int fractionDigits = point < 0 ? 0 : i - point - 1;
        if (i != end) {
            return withExponent(text, start, i, end, digits, fractionDigits);
        }
        if (digits <= EXACT_DIGITS && fractionDigits <= MAX_EXACT_EXPONENT) {
            double magnitude = significand / EXACT_POWERS_OF_TEN[fractionDigits];
            return negative ? -magnitude : magnitude;
        }
        return JavaDoubleParser.parseDouble(text, start, end - start);
    }

    /**
     * Continues {@link #parseOrNaN} after the significand, at {@code i}: an exponent must follow and end the text.
     * Kept apart so that the common path stays small enough for the JIT to inline.
     */
    private static double withExponent(char[] text, int start, int significandEnd, int end, int digits,
            int fractionDigits) {
        int i = significandEnd;
        char c = text[i];
        if (c != 'e' && c != 'E') {
            return Double.NaN;
        }
        i++;
        boolean negativeExponent = false;
        if (i < end && ((c = text[i]) == '+' || c == '-')) {
            negativeExponent = c == '-';
            i++;
        }
        int firstExponentDigit = i;
        int exponent = 0;
        for (; i < end && (c = text[i]) >= '0' && c <= '9'; i++) {
            if (exponent < EXPONENT_CAP) {
                exponent = 10 * exponent + (c - '0');
            }
        }
        if (i == firstExponentDigit || i != end) {
            return Double.NaN;
        }
        int decimalExponent = (negativeExponent ? -exponent : exponent) - fractionDigits;
        if (digits <= EXACT_DIGITS
                && decimalExponent >= -MAX_EXACT_EXPONENT && decimalExponent <= MAX_EXACT_EXPONENT) {
            boolean negative = text[start] == '-';
            double magnitude = significand(text, start, significandEnd);
            magnitude = decimalExponent < 0
                    ? magnitude / EXACT_POWERS_OF_TEN[-decimalExponent]
                    : magnitude * EXACT_POWERS_OF_TEN[decimalExponent];
            return negative ? -magnitude : magnitude;
        }
        return JavaDoubleParser.parseDouble(text, start, end - start);
    }

    /** The digits in text[start..end) (skipping sign and point) as one integer, exact for at most 18 digits. */
    private static long significand(char[] text, int start, int end) {
        long significand = 0;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                significand = 10 * significand + (c - '0');
            }
        }
        return significand;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
