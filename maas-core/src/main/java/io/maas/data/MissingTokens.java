package io.maas.data;

import java.util.List;

/** Recognises the cells that a {@link CsvFormat} reads as missing: its tokens, after trimming spaces and tabs. */
final class MissingTokens {

    private final char[][] tokens;
    private final int longest;
    private final boolean anyNumber;

    MissingTokens(List<String> tokens) {
        this.tokens = new char[tokens.size()][];
        int max = -1;
        for (int t = 0; t < tokens.size(); t++) {
            this.tokens[t] = tokens.get(t).toCharArray();
            max = Math.max(max, this.tokens[t].length);
        }
        this.longest = max;
        this.anyNumber = tokens.stream().anyMatch(token -> {
            char[] text = token.toCharArray();
            return Double.isFinite(DecimalParser.parseOrNaN(text, 0, text.length));
        });
    }

    /** Whether some token is also a number, such as {@code -999}: then every numeric cell must be compared. */
    boolean isNumber() {
        return anyNumber;
    }

    /** Returns whether the {@code length} characters at {@code offset}, trimmed, equal a token. */
    boolean matches(char[] text, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && isBlank(text[start])) {
            start++;
        }
        while (end > start && isBlank(text[end - 1])) {
            end--;
        }
        int trimmed = end - start;
        if (trimmed > longest) {
            return false;
        }
        for (char[] token : tokens) {
            if (token.length == trimmed && equalAt(token, text, start)) {
                return true;
            }
        }
        return false;
    }

    boolean matches(String text) {
        return matches(text.toCharArray(), 0, text.length());
    }

    private static boolean equalAt(char[] token, char[] text, int start) {
        for (int k = 0; k < token.length; k++) {
            if (token[k] != text[start + k]) {
                return false;
            }
        }
        return true;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
