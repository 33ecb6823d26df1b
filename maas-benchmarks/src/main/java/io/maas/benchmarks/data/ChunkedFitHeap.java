package io.maas.benchmarks.data;

import io.maas.data.ChunkedSource;
import io.maas.data.CsvFormat;
import io.maas.solver.LeastSquares;
import io.maas.solver.LinearSolution;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Shows that a least-squares fit from a CSV file larger than the heap works: it writes {@code rows} rows of the
 * 20-column file of {@link CsvReadBenchmark} (199 bytes a row: 10,000,000 rows make 2.0 GB) to a temporary
 * directory, fits it with {@link LeastSquares#solve(ChunkedSource)} (two passes over the file, one chunk of 10,000
 * rows in memory at a time), and prints the rows per second and the peak heap use. After building the benchmark jar:
 * <pre>
 * mvn -B -pl maas-benchmarks -am -DskipTests package
 * java -Xmx256m -cp maas-benchmarks/target/benchmarks.jar io.maas.benchmarks.data.ChunkedFitHeap 10000000
 * </pre>
 * The file needs that much free space in the temporary directory ({@code -Djava.io.tmpdir=...} moves it); it is
 * deleted at the end.
 */
public final class ChunkedFitHeap {

    private ChunkedFitHeap() {
    }

    /**
     * Runs the demonstration.
     *
     * @param args optionally the number of rows (default 10,000,000)
     * @throws IOException if the temporary file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        Path directory = Files.createTempDirectory("maas-fit-heap-demo");
        Path file = directory.resolve("numeric.csv");
        try {
            long written = System.nanoTime();
            long bytes = NumericCsv.write(file, rows, 42);
            double writeSeconds = (System.nanoTime() - written) / 1e9;
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            LinearSolution fit = LeastSquares.defaults().solve(ChunkedSource.csv(CsvFormat.defaults(), file));
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf(Locale.ROOT, "file %.2f GB (%d rows x %d columns, written in %.1f s); max heap (-Xmx) "
                            + "%.0f MB; fit in %.1f s: %.0f rows/s, %.0f MB/s of CSV per pass; peak heap used %.1f MB "
                            + "(sum of the heap pools' peaks)%n", bytes / 1e9, rows, NumericCsv.COLUMNS, writeSeconds,
                    Runtime.getRuntime().maxMemory() / 1e6, seconds, rows / seconds,
                    bytes / 1e6 / seconds * fit.diagnostics().notes().stream()
                            .filter(note -> note.startsWith("read ")).findFirst()
                            .map(ChunkedFitHeap::passes).orElse(1), peak / 1e6);
            System.out.printf(Locale.ROOT, "%s%nnotes: %s%nintercept %.6g, first coefficients %.6g %.6g %.6g%n",
                    fit.diagnostics(), fit.diagnostics().notes(), fit.intercept(), fit.coefficients()[0],
                    fit.coefficients()[1], fit.coefficients()[2]);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
    }

    /** The number of passes in the note "read N chunks in P passes". */
    private static int passes(String note) {
        String[] words = note.split(" ");
        return Integer.parseInt(words[words.length - 2]);
    }
}
