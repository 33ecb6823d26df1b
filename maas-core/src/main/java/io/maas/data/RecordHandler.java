package io.maas.data;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Receives FastCSV's fields as character ranges and checks each record: its length, a quote left open, its field
 * count. It either keeps records as strings (the header, and the rows sampled before the columns are resolved) or
 * passes each cell straight to a {@link ChunkBuffer}, so that a numeric cell is parsed without becoming a String.
 *
 * <p>FastCSV wraps what this handler throws in its own exception; {@link CsvChunkReader} unwraps it. Not
 * thread-safe; one per source.
 */
final class RecordHandler extends CsvCallbackHandler<Object> {

    /** What the handler returns for a record it accepted; FastCSV needs a non-null value. */
    private static final Object ACCEPTED = Boolean.TRUE;

    /** A record kept as strings, with the line it started on. */
    record RawRecord(long line, String[] fields) {
    }

    private final String source;
    private final long maxLineLength;
    private final List<RawRecord> raw = new ArrayList<>();
    private final List<String> rawFields = new ArrayList<>();
    private ChunkBuffer chunk;
    private int width;
    private String widthOrigin;

    private RecordType type;
    private long line;
    private int fields;
    private long characters;
    private int lineBreaks;
    private boolean endMarkerOnly;
    private long endLine; // the line of the end marker, 0 until seen

    RecordHandler(String source, int maxLineLength) {
        this.source = source;
        this.maxLineLength = maxLineLength;
    }

    /** From now on, passes cells to {@code target}, which takes rows of {@code expectedWidth} fields. */
    void fill(ChunkBuffer target, int expectedWidth, String expectedWidthOrigin) {
        this.chunk = target;
        this.width = expectedWidth;
        this.widthOrigin = expectedWidthOrigin;
    }

    /** Returns and forgets the records kept as strings so far. */
    List<RawRecord> takeRaw() {
        List<RawRecord> taken = List.copyOf(raw);
        raw.clear();
        return taken;
    }

    /** Passes a record kept as strings to the current chunk, as if just parsed. */
    void replay(RawRecord record) {
        beginRecord(record.line());
        for (String field : record.fields()) {
            char[] text = field.toCharArray();
            addField(text, 0, text.length, false);
        }
        accept();
    }

    boolean endSeen() {
        return endLine > 0;
    }

    /** The line of the record being read, for errors that FastCSV reports without one. */
    long line() {
        return line;
    }

    @Override
    protected RecordType getRecordType() {
        return type;
    }

    @Override
    protected int getFieldCount() {
        return fields;
    }

    @Override
    protected void beginRecord(long startingLineNumber) {
        type = RecordType.DATA;
        line = startingLineNumber;
        fields = 0;
        characters = 0;
        lineBreaks = 0;
        endMarkerOnly = false;
    }

    @Override
    protected void addField(char[] text, int offset, int length, boolean quoted) {
        int column = fields++;
        characters += length + 1;
        if (characters - 1 > maxLineLength) {
            throw tooLong(source, line, maxLineLength);
        }
        if (quoted) {
            if (length >= 2 && text[offset + length - 1] == MarkedReader.END_MARKER
                    && text[offset + length - 2] == '\n') {
                throw new DataFormatException(source, line + lineBreaks, null,
                        "a quoted field starts on this line but its closing quote is missing");
            }
            lineBreaks += lineBreaks(text, offset, length);
        }
        if (column == 0) {
            endMarkerOnly = !quoted && length == 1 && text[offset] == MarkedReader.END_MARKER;
            if (endMarkerOnly) {
                return;
            }
        } else if (column == 1 && endMarkerOnly) {
            throw reservedCharacter(line);
        }
        if (chunk == null) {
            rawFields.add(new String(text, offset, length));
        } else if (column < width) {
            chunk.accept(column, text, offset, length, line);
        }
    }

    @Override
    protected void setComment(char[] text, int offset, int length) {
        type = RecordType.COMMENT;
    }

    @Override
    protected void setEmpty() {
        type = RecordType.EMPTY;
    }

    @Override
    protected Object buildRecord() {
        if (type != RecordType.DATA) {
            return null; // FastCSV skips a record built as null
        }
        if (endLine > 0) {
            throw reservedCharacter(endLine); // a line holding U+FFFF alone was not the end after all
        }
        if (endMarkerOnly) {
            endLine = line;
            return null;
        }
        accept();
        return ACCEPTED;
    }

    private void accept() {
        if (chunk == null) {
            raw.add(new RawRecord(line, rawFields.toArray(new String[0])));
            rawFields.clear();
        } else {
            if (fields != width) {
                throw new DataFormatException(source, line, null, String.format(Locale.ROOT,
                        "has %d fields but %s has %d", fields, widthOrigin, width));
            }
            chunk.endRow(line);
        }
    }

    private static int lineBreaks(char[] text, int offset, int length) {
        int count = 0;
        for (int i = offset; i < offset + length; i++) {
            char c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 == offset + length || text[i + 1] != '\n'))) {
                count++;
            }
        }
        return count;
    }

    static DataFormatException tooLong(String source, long line, long maxLineLength) {
        return new DataFormatException(source, line, null, String.format(Locale.ROOT,
                "the record is longer than maxLineLength, %d characters (is a quote left open?)", maxLineLength));
    }

    private DataFormatException reservedCharacter(long at) {
        return new DataFormatException(source, at, null,
                "holds U+FFFF, a Unicode noncharacter that maas reserves to mark the end of the input");
    }
}
