package io.maas.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An open CSV source read as consecutive datasets of at most {@code chunkRows} rows each, so that a file larger
 * than the heap can be processed in one pass with memory for one chunk at a time. Obtained from
 * {@link CsvFormat#chunks}; iterate it once, then close it:
 *
 * <pre>{@code
 * try (DatasetChunks chunks = format.chunks(path)) {
 *     for (Dataset chunk : chunks) {
 *         accumulate(chunk);
 *     }
 * }
 * }</pre>
 *
 * <p>Every chunk has the same columns, and the rows of all chunks, in order, are exactly the rows that
 * {@link CsvFormat#read} would return. A categorical code means the same string in every chunk: a chunk lists all
 * levels seen up to its end, so later chunks may list more. Errors in later chunks surface from {@code hasNext} or
 * {@code next} as {@link DataFormatException}, or as {@link UncheckedIOException} for I/O; after one, the chunks
 * cannot be read further. Not thread-safe.
 */
public final class DatasetChunks implements Iterable<Dataset>, Closeable {

    private final CsvChunkReader reader;
    private final List<String> featureNames;
    private final List<String> categoricalNames;
    private final String targetName;
    private Dataset pending; // the chunk read ahead by hasNext, or null
    private boolean started;
    private boolean done;
    private boolean failed;

    DatasetChunks(CsvChunkReader reader) {
        this.reader = reader;
        this.pending = reader.takeFirst();
        this.featureNames = pending.featureNames();
        this.categoricalNames = pending.categoricalNames();
        this.targetName = pending.targetName();
    }

    /**
     * Returns the numeric feature names, the same in every chunk.
     *
     * @return an unmodifiable list of p names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Returns the categorical column names, the same in every chunk.
     *
     * @return an unmodifiable list of q names, empty if there are none
     */
    public List<String> categoricalNames() {
        return categoricalNames;
    }

    /**
     * Returns the target name.
     *
     * @return the target name
     */
    public String targetName() {
        return targetName;
    }

    /**
     * Returns the iterator over the chunks, the first of which was read when opening; may be called only once.
     *
     * @return an iterator of datasets with at least one row each
     * @throws IllegalStateException if called a second time
     */
    @Override
    public Iterator<Dataset> iterator() {
        if (started) {
            throw new IllegalStateException("the chunks of a source can be iterated only once");
        }
        started = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return advance();
            }

            @Override
            public Dataset next() {
                if (!advance()) {
                    throw new NoSuchElementException("no more chunks");
                }
                Dataset chunk = pending;
                pending = null; // the caller holds the only reference: memory stays one chunk
                return chunk;
            }
        };
    }

    /**
     * Returns the chunks as a sequential stream that closes this source when it is closed; may be called only once,
     * and not together with {@link #iterator()}.
     *
     * @return the chunks in file order
     * @throws IllegalStateException if the chunks were iterated already
     */
    public Stream<Dataset> stream() {
        return StreamSupport.stream(spliterator(), false).onClose(this::close);
    }

    private boolean advance() {
        if (pending != null) {
            return true;
        }
        if (done) {
            return false;
        }
        if (failed) {
            throw new IllegalStateException("reading the chunks failed earlier; close them");
        }
        failed = true;
        Optional<Dataset> chunk;
        try {
            chunk = reader.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        failed = false;
        done = chunk.isEmpty();
        pending = chunk.orElse(null);
        return !done;
    }

    /**
     * Closes the source.
     *
     * @throws UncheckedIOException if closing fails
     */
    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
