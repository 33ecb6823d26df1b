package io.maas.benchmarks.data;

import io.maas.data.CsvFormat;
import io.maas.data.Dataset;
import io.maas.data.DatasetChunks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How many megabytes of CSV per second does {@link CsvFormat} turn into datasets, reading a seeded numeric file of
 * 1,000,000 rows x 20 columns (19 features and the target, about 199 MB, see {@link NumericCsv}) from disk, whole
 * and in chunks of 10,000 rows?
 *
 * <p>Each operation reads the whole file: UTF-8 decoding, FastCSV's grammar, our strict number check and parse,
 * and building the dataset(s). The file is written to a temporary directory during setup (the page cache then
 * holds it, so this measures parsing, not the disk). The result is the {@code megabytes} line, an auxiliary
 * counter in MB/s (10^6 bytes of file per second) with JMH's error. {@code readChunks} runs with
 * {@code -Xmx64m}, a third of the file's size, so it also shows that chunked reading keeps the heap bounded;
 * {@code readWhole} needs the whole dataset (152 MB of features) in memory and runs with {@code -Xmx2g}. Run with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="CsvReadBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@State(Scope.Benchmark)
public class CsvReadBenchmark {

    private static final int ROWS = 1_000_000;

    private Path directory;
    private Path file;
    private double megabytes;
    private CsvFormat format;

    /** Megabytes read, reported by JMH per second: the throughput in MB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {

        /** Megabytes of CSV read in this iteration. */
        public double megabytes;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }
    }

    /**
     * Writes the file once per trial.
     *
     * @throws IOException if the temporary file cannot be written
     */
    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        directory = Files.createTempDirectory("maas-csv-benchmark");
        file = directory.resolve("numeric-1m-x-20.csv");
        megabytes = NumericCsv.write(file, ROWS, 42) / 1e6;
        format = CsvFormat.defaults();
    }

    /**
     * Deletes the file.
     *
     * @throws IOException if it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(directory);
    }

    /**
     * Reads the file into one dataset.
     *
     * @param throughput counts the megabytes read
     * @return the dataset, returned so JMH keeps the work alive
     * @throws IOException if reading fails
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Xmx2g")
    public Dataset readWhole(Throughput throughput) throws IOException {
        Dataset data = format.read(file);
        throughput.megabytes += megabytes;
        return data;
    }

    /**
     * Reads the file as chunks of 10,000 rows, holding one chunk at a time.
     *
     * @param throughput counts the megabytes read
     * @param sink       consumes each chunk so that JMH keeps the work alive
     * @throws IOException if reading fails
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Xmx64m")
    public void readChunks(Throughput throughput, Blackhole sink) throws IOException {
        try (DatasetChunks chunks = format.chunks(file)) {
            for (Dataset chunk : chunks) {
                sink.consume(chunk);
            }
        }
        throughput.megabytes += megabytes;
    }
}
