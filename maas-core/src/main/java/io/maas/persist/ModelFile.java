package io.maas.persist;

import io.maas.pipeline.FittedPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Saves and loads a {@link FittedPipeline} as a model file: versioned, human-readable JSON specified in
 * {@code docs/model-format.md}. A loaded pipeline predicts bit for bit what the saved one did.
 *
 * <p>Loading is strict and safe on untrusted input: the file is read whole (at most 64 MiB), every token is checked
 * against the format's limits (nesting 32, arrays of 1,000,000 elements, 4,000,000 values, strings of 65,536 chars,
 * 100,000 columns, 1,000 stages) before anything is allocated for it, the envelope (format name, version, SHA-256 of
 * the payload) is checked before the content is read, and nothing in a file names a class: stage and model types
 * come from a fixed table. Anything wrong with the bytes, from a wrong format to a truncated file, a checksum
 * mismatch, a missing or extra field, a NaN or a size that disagrees with another, throws one exception,
 * {@link ModelFormatException}, whose message says what and where. A file of a newer minor version (1.2 to this
 * maas's 1.1) loads: fields it does not know are optional additions and are skipped, though a stage type or other
 * name it does not know is still rejected. A newer major version does not load.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelFile {

    /** The format version this maas writes, and the newest it reads fully: {@value}. */
    public static final String FORMAT_VERSION = Envelope.MAJOR + "." + Envelope.MINOR;

    private ModelFile() {
    }

    /**
     * Writes a saved model to a file, replacing it if it exists. Not atomic: a reader that opens the file while it is
     * being written sees a truncated file and rejects it; write to a temporary name and move it over the old file to
     * replace it atomically.
     *
     * @param model the pipeline and its card
     * @param file  where to write
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException if the pipeline holds a stage or model the format has no type for, or would
     *                                  break a limit of the format; nothing is written then
     */
    public static void save(SavedModel model, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Files.write(file, toBytes(model));
    }

    /**
     * Writes a saved model to a stream; the stream is not closed.
     *
     * @param model the pipeline and its card
     * @param out   where to write
     * @throws IOException              if the stream fails
     * @throws IllegalArgumentException if the pipeline holds a stage or model the format has no type for, or would
     *                                  break a limit of the format; nothing is written then
     */
    public static void write(SavedModel model, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(toBytes(model));
    }

    /**
     * Reads a model file.
     *
     * @param file the file
     * @return the fitted pipeline and its card
     * @throws IOException          if the file cannot be read
     * @throws ModelFormatException if the file is not a valid model file that this maas reads
     */
    public static SavedModel load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.size(file) > Limits.MAX_FILE_BYTES) {
            throw Envelope.tooLarge();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Reads a model file from a stream, to its end; the stream is not closed.
     *
     * @param in the stream
     * @return the fitted pipeline and its card
     * @throws IOException          if the stream fails
     * @throws ModelFormatException if the bytes are not a valid model file that this maas reads, or more than the
     *                              format's limit of 64 MiB (then the rest of the stream is not read)
     */
    public static SavedModel read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        byte[] bytes = in.readNBytes(Limits.MAX_FILE_BYTES + 1);
        if (bytes.length > Limits.MAX_FILE_BYTES) {
            throw Envelope.tooLarge();
        }
        return fromBytes(bytes);
    }

    static SavedModel fromBytes(byte[] bytes) {
        return Payload.read(bytes, Envelope.check(bytes));
    }

    /** Returns the file's bytes, read back first so that every file written can be loaded. */
    static byte[] toBytes(SavedModel model) throws IOException {
        Objects.requireNonNull(model, "model");
        byte[] bytes = Payload.write(model);
        try {
            fromBytes(bytes);
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException("the pipeline cannot be saved within the model format's limits: "
                    + e.getMessage(), e);
        }
        return bytes;
    }
}
