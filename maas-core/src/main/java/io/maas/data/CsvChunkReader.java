package io.maas.data;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one CSV source as a sequence of datasets of bounded size: the one parser behind {@link DatasetChunks} and
 * {@link CsvFormat#read}, which concatenates the chunks.
 *
 * <p>Opening reads the header, then the first rows as strings when the columns need them (no header, or categorical
 * detection), resolves the {@link CsvSchema}, and reads the first chunk, so that a source that cannot give one is
 * rejected at once. Memory is one chunk plus FastCSV's buffer of about one record. Not thread-safe.
 */
final class CsvChunkReader implements Closeable {

    private static final String MAXIMUM_BUFFER = "maximum buffer size"; // FastCSV's message for a too long field
    private static final int MIN_BUFFER = 1 << 16;

    private final CsvFormat format;
    private final String source;
    private final RecordHandler handler;
    private final CsvReader<Object> csv;
    private final CloseableIterator<Object> records;
    private final MissingTokens missing;
    private CsvSchema schema;
    private CategoryLevels[] levels;
    private Dataset first;
    private boolean exhausted;

    private CsvChunkReader(CsvFormat format, Reader reader, String source) {
        this.format = format;
        this.source = source;
        this.handler = new RecordHandler(source, format.maxLineLength());
        this.missing = new MissingTokens(format.missingTokens());
        // A raw field may be twice its text (doubled quotes): the buffer overflows only past maxLineLength.
        int buffer = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(MIN_BUFFER, 2L * format.maxLineLength() + 16));
        CsvReader.CsvReaderBuilder builder = CsvReader.builder()
                .fieldSeparator(format.delimiter())
                .quoteCharacter(format.quote())
                .skipEmptyLines(true)
                .allowExtraFields(true) // field counts are checked by RecordHandler, with the line and the counts
                .allowMissingFields(true)
                .detectBomHeader(false) // MarkedReader removes a byte order mark
                .maxBufferSize(buffer);
        if (format.comment().isPresent()) {
            builder.commentStrategy(CommentStrategy.SKIP).commentCharacter((char) format.comment().getAsInt());
        }
        this.csv = builder.build(handler, new MarkedReader(reader));
        this.records = csv.iterator();
    }

    /** Opens the source and reads its first chunk. */
    static CsvChunkReader open(CsvFormat format, Reader reader, String source) throws IOException {
        CsvChunkReader chunks = new CsvChunkReader(format, reader, source);
        chunks.start();
        return chunks;
    }

    private void start() throws IOException {
        boolean hasHeader = format.header() == CsvFormat.Header.PRESENT;
        List<String> names;
        long headerLine;
        List<RecordHandler.RawRecord> sample;
        int sampleRows = format.detectCategorical() ? format.chunkRows() : hasHeader ? 0 : 1;
        if (hasHeader) {
            if (!advance()) {
                throw new DataFormatException(source, 0, null, "is empty; expected a header row and data rows");
            }
            RecordHandler.RawRecord header = handler.takeRaw().get(0);
            names = List.of(header.fields());
            headerLine = header.line();
            sample = readRaw(sampleRows);
        } else {
            sample = readRaw(sampleRows);
            if (sample.isEmpty()) {
                throw new DataFormatException(source, 0, null, "is empty; expected data rows");
            }
            names = new ArrayList<>();
            for (int j = 0; j < sample.get(0).fields().length; j++) {
                names.add("x" + j);
            }
            headerLine = sample.get(0).line();
        }
        schema = CsvSchema.resolve(format, source, names, headerLine, sample, missing);
        levels = new CategoryLevels[schema.categoricalNames.size()];
        for (int c = 0; c < levels.length; c++) {
            levels[c] = new CategoryLevels();
        }
        ChunkBuffer chunk = newChunk(); // the sample has at most chunkRows rows: it fits
        for (RecordHandler.RawRecord row : sample) {
            handler.replay(row);
        }
        first = fill(chunk).orElseThrow(() -> new DataFormatException(source, 0, null,
                "has a header but no data rows"));
    }

    private List<RecordHandler.RawRecord> readRaw(int rows) throws IOException {
        int read = 0;
        while (read < rows && advance()) {
            read++;
        }
        return handler.takeRaw();
    }

    private ChunkBuffer newChunk() {
        ChunkBuffer chunk = new ChunkBuffer(schema, missing, levels, format.chunkRows());
        handler.fill(chunk, schema.width, schema.widthOrigin);
        return chunk;
    }

    private Optional<Dataset> fill(ChunkBuffer chunk) throws IOException {
        while (!chunk.isFull() && advance()) {
            // each accepted record went into the chunk
        }
        return chunk.rows() == 0 ? Optional.empty() : Optional.of(chunk.toDataset());
    }

    /** Returns the first chunk, read when opening (for {@code read}, all rows), and forgets it. */
    Dataset takeFirst() {
        Dataset taken = Objects.requireNonNull(first, "the first chunk was taken already");
        first = null; // the caller decides how long it lives: memory stays one chunk
        return taken;
    }

    /**
     * Reads all remaining rows into one dataset: the chunks, concatenated, so that memory peaks at about twice the
     * dataset. Stops with an error as soon as the rows would not fit one Java array.
     */
    Dataset readAll() throws IOException {
        List<Dataset> chunks = new ArrayList<>();
        chunks.add(takeFirst());
        long rows = chunks.get(0).rowCount();
        long limit = (Integer.MAX_VALUE - 8) / Math.max(1, schema.featureNames.size());
        for (Optional<Dataset> chunk = next(); chunk.isPresent(); chunk = next()) {
            rows += chunk.get().rowCount();
            if (rows > limit) {
                throw new DataFormatException(source, handler.line(), null, String.format(Locale.ROOT,
                        "brings the data to more than %d rows x %d features, more than one Java array holds; read"
                                + " it with CsvFormat.chunks instead", limit, schema.featureNames.size()));
            }
            chunks.add(chunk.get());
        }
        return Dataset.concatenate(chunks);
    }

    /** Reads the next chunk of at most {@code chunkRows} rows, or returns empty at the end. */
    Optional<Dataset> next() throws IOException {
        return exhausted ? Optional.empty() : fill(newChunk());
    }

    /** Parses one more record into the handler's current target; false at the end of the input. */
    private boolean advance() throws IOException {
        try {
            if (!records.hasNext()) {
                exhausted = true;
                if (!handler.endSeen()) {
                    throw new IllegalStateException(source + ": the parser stopped before the end of the input");
                }
                return false;
            }
            records.next();
            return true;
        } catch (CsvParseException e) {
            throw translate(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new DataFormatException(source, "the input is not valid UTF-8", e.getCause());
            }
            throw e.getCause();
        }
    }

    /**
     * Turns what FastCSV threw into ours. FastCSV wraps every Throwable of a record in a CsvParseException: only its
     * own parse errors become a DataFormatException; ours, errors such as OutOfMemoryError and bugs pass unchanged.
     */
    private RuntimeException translate(CsvParseException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof UncheckedIOException io && io.getCause() instanceof CharacterCodingException) {
            return new DataFormatException(source, "the input is not valid UTF-8", io.getCause());
        }
        if (!(cause instanceof CsvParseException)) {
            return cause instanceof RuntimeException unchanged ? unchanged : e;
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains(MAXIMUM_BUFFER)) {
            return RecordHandler.tooLong(source, handler.line(), format.maxLineLength());
        }
        return new DataFormatException(source, handler.line(), null, "is not valid CSV: " + message, e);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
