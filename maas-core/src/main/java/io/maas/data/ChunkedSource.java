package io.maas.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Rows that can be read more than once, a chunk at a time: each {@link #open} starts a new pass over the same rows in
 * the same order. This is what a fit needs to read data larger than the heap, holding one chunk at a time:
 *
 * <pre>{@code
 * ChunkedSource rows = ChunkedSource.csv(CsvFormat.builder().target("y").build(), Path.of("big.csv"));
 * LinearSolution fit = LeastSquares.defaults().solve(rows);
 * }</pre>
 *
 * <p>Any function that can start a pass will do, so a source can also be a database query or a directory of files, and
 * a caller can watch the rows go by (for progress) with {@code () -> rows.open().peek(chunk -> ...)}.
 */
@FunctionalInterface
public interface ChunkedSource {

    /**
     * Starts a pass over the rows; the caller closes the stream, which releases what the pass holds open.
     *
     * @return the chunks in order, every one with at least one row and the same feature columns and target
     * @throws IOException if the source cannot be opened (errors while reading surface from the stream as
     *                     {@link java.io.UncheckedIOException} or {@link DataFormatException})
     */
    Stream<Dataset> open() throws IOException;

    /**
     * Returns the chunks of a CSV file, read again from the file on every pass.
     *
     * @param format the file's format, including its chunk size ({@link CsvFormat.Builder#chunkRows})
     * @param path   the file
     * @return a source that opens the file once per pass
     */
    static ChunkedSource csv(CsvFormat format, Path path) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(path, "path");
        return () -> format.chunks(path).stream();
    }

    /**
     * Returns datasets held in memory as the chunks of a source, in list order.
     *
     * @param chunks the chunks, at least one; the list is copied, the datasets are not (they are immutable)
     * @return a source whose every pass yields these datasets
     * @throws IllegalArgumentException if the list is empty
     */
    static ChunkedSource of(List<Dataset> chunks) {
        List<Dataset> copy = List.copyOf(chunks);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a chunked source needs at least one chunk");
        }
        return copy::stream;
    }
}
