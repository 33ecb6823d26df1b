package io.maas.data;

import java.io.IOException;
import java.io.Reader;

/**
 * The text of a CSV source as the parser sees it: a leading byte order mark removed and, after the last character,
 * a line break and the {@link #END_MARKER}.
 *
 * <p>Why the marker: FastCSV 4.1 reads an unclosed quote as a field that runs to the end of the input, and says
 * nothing. With the marker appended, the end of a well-formed input is always followed by one record made of the
 * marker alone, while an unclosed quote swallows the marker into its field, which then ends with a line break and
 * the marker. {@link RecordHandler} tells the two apart at no cost per character. U+FFFF is a Unicode
 * noncharacter, never meant to appear in interchanged text, so real data does not contain it. (FastCSV 4.3 adds
 * {@code allowUnclosedQuote(false)}, which would make this class unnecessary.)
 */
final class MarkedReader extends Reader {

    /** Marks the end of the input; not allowed as a delimiter, quote or comment character. */
    static final char END_MARKER = '\uFFFF';
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final char[] SUFFIX = {'\n', END_MARKER};

    private final Reader in;
    private boolean started;
    private int suffixWritten = -1; // -1 while the input has characters left

    MarkedReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (suffixWritten < 0) {
            int count = in.read(buffer, offset, length);
            if (!started && count > 0) {
                started = true;
                if (buffer[offset] == BYTE_ORDER_MARK) {
                    System.arraycopy(buffer, offset + 1, buffer, offset, count - 1);
                    count--;
                    if (count == 0) {
                        return read(buffer, offset, length);
                    }
                }
            }
            if (count >= 0) {
                return count;
            }
            suffixWritten = 0;
        }
        if (suffixWritten == SUFFIX.length) {
            return -1;
        }
        int count = Math.min(length, SUFFIX.length - suffixWritten);
        System.arraycopy(SUFFIX, suffixWritten, buffer, offset, count);
        suffixWritten += count;
        return count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
