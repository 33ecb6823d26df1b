package io.maas.data;

/**
 * Parses the text of one numeric cell strictly: plain decimal notation only.
 *
 * <p>Accepted: optional sign, digits with an optional fraction (or a fraction alone, ".5"), an optional exponent,
 * surrounded by optional spaces or tabs: {@code 12}, {@code -0.5}, {@code .25}, {@code 3.}, {@code 1e-3},
 * {@code +2.5E+10}. Rejected, although {@link Double#parseDouble} takes them: hexadecimal ("0x1p3"), type suffixes
 * ("1.5d", "2f"), "NaN", "Infinity", thousands separators, and numbers whose magnitude overflows a double
 * ("1e400"). Numbers that underflow round to zero or a subnormal, as IEEE 754 specifies.
 */
final class DecimalParser {

    private DecimalParser() {
    }

    /**
     * Returns the value of {@code text}, or throws {@link NumberFormatException} with the reason (the caller adds
     * line and column).
     */
    static double parse(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            throw new NumberFormatException("is empty, expected a number");
        }
        if (!isPlainDecimal(text, start, end)) {
            throw new NumberFormatException("is not a number (expected plain decimal notation such as -12.5e3)");
        }
        double value = Double.parseDouble(text.substring(start, end));
        if (Double.isInfinite(value)) {
            throw new NumberFormatException("is too large in magnitude for a double (max about 1.8e308)");
        }
        return value;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isPlainDecimal(String s, int start, int end) {
        int i = start;
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            i++;
        }
        int integerDigits = 0;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
            integerDigits++;
        }
        int fractionDigits = 0;
        if (i < end && s.charAt(i) == '.') {
            i++;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                fractionDigits++;
            }
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
