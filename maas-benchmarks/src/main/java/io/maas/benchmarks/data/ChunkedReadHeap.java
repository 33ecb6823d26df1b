package io.maas.benchmarks.data;

import io.maas.data.CsvFormat;
import io.maas.data.Dataset;
import io.maas.data.DatasetChunks;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Shows that reading a CSV file in chunks keeps the heap bounded: it writes the 1,000,000 x 20 file of
 * {@link CsvReadBenchmark} (about 199 MB) to a temporary directory, reads it with {@link CsvFormat#chunks} (or
 * whole, for contrast), and prints the heap limit and the peak heap use. Run it with a heap well below the file's
 * size, after building the benchmark jar:
 * <pre>
 * mvn -B -pl maas-benchmarks -am -DskipTests package
 * java -Xmx32m -cp maas-benchmarks/target/benchmarks.jar io.maas.benchmarks.data.ChunkedReadHeap chunks
 * java -Xmx32m -cp maas-benchmarks/target/benchmarks.jar io.maas.benchmarks.data.ChunkedReadHeap whole
 * </pre>
 * The first completes; the second, which must hold all rows, fails with an OutOfMemoryError.
 */
public final class ChunkedReadHeap {

    private ChunkedReadHeap() {
    }

    /**
     * Runs the demonstration.
     *
     * @param args {@code chunks} (the default) or {@code whole}, then optionally the number of rows
     * @throws IOException if the temporary file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        boolean whole = args.length > 0 && args[0].equals("whole");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path directory = Files.createTempDirectory("maas-heap-demo");
        Path file = directory.resolve("numeric.csv");
        try {
            long bytes = NumericCsv.write(file, rows, 42);
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            long read = 0;
            int chunkCount = 0;
            if (whole) {
                read = CsvFormat.defaults().read(file).rowCount();
                chunkCount = 1;
            } else {
                try (DatasetChunks chunks = CsvFormat.defaults().chunks(file)) {
                    for (Dataset chunk : chunks) {
                        read += chunk.rowCount();
                        chunkCount++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf(Locale.ROOT, "file %.1f MB; max heap (-Xmx) %.1f MB; read %d rows in %d chunk(s) in"
                            + " %.2f s (%.0f MB/s); peak heap used %.1f MB (sum of the heap pools' peaks)%n",
                    bytes / 1e6, Runtime.getRuntime().maxMemory() / 1e6, read, chunkCount, seconds,
                    bytes / 1e6 / seconds, peak / 1e6);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
    }
}
