package io.maas.cli;

import io.maas.data.ChunkedSource;
import io.maas.data.CsvFormat;
import io.maas.solver.FitDiagnostics;
import io.maas.solver.InferenceStatistics;
import io.maas.solver.LeastSquares;
import io.maas.solver.LinearSolution;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code fit --data FILE --chunked}: least squares over every row of a CSV file read in chunks, twice, so the file
 * may be larger than the heap; progress on standard error when asked or when the JVM has a console.
 */
final class ChunkedFit {

    private ChunkedFit() {
    }

    /** Fits and returns the report, text or JSON. */
    static String run(Options options, PrintStream err) throws IOException {
        Path path = Path.of(options.data());
        CsvFormat format = options.target() == null
                ? CsvFormat.defaults()
                : CsvFormat.builder().target(options.target()).build();
        // System.console() is null unless standard input and output are a terminal: scripts and pipes stay quiet.
        Progress progress = options.progress() || System.console() != null
                ? new Progress(err, Files.size(path), 2) : null;
        ChunkedSource source = () -> {
            InputStream in = Files.newInputStream(path);
            if (progress == null) {
                return format.chunks(in, path.toString()).stream();
            }
            progress.startPass();
            return format.chunks(progress.counting(in), path.toString()).stream()
                    .peek(chunk -> progress.rows(chunk.rowCount()));
        };
        LinearSolution fit = LeastSquares.builder().intercept(options.intercept()).ridge(options.ridge()).build()
                .solve(source);
        if (progress != null) {
            progress.finish();
        }
        return options.json() ? Json.write(json(path, fit)) : text(path, fit);
    }

    private static String text(Path path, LinearSolution fit) {
        FitDiagnostics diagnostics = fit.diagnostics();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "maas: linear regression on %s, every row, read in chunks%n", path));
        text.append(String.format(Locale.ROOT, "data      %d rows x %d features%n", diagnostics.rows(),
                fit.featureNames().size()));
        text.append(String.format(Locale.ROOT, "solver    %s%n", diagnostics.method()));
        text.append(String.format(Locale.ROOT, "          condition ~ %.1e%n",
                diagnostics.conditionEstimate().orElse(Double.NaN)));
        double seconds = diagnostics.fitTime().toNanos() / 1e9;
        text.append(String.format(Locale.ROOT, "fit time  %.2f s (%.0f rows/s, reading included)%n", seconds,
                diagnostics.rows() / seconds));
        for (String note : diagnostics.notes()) {
            text.append("note      ").append(note).append('\n');
        }
        text.append('\n');
        if (fit.statistics().isPresent()) {
            text.append(fit.statistics().get()).append('\n');
        } else {
            text.append(String.format(Locale.ROOT, "  %-20s %s%n", "(intercept)", Main.format(fit.intercept())));
            for (int j = 0; j < fit.coefficients().length; j++) {
                text.append(String.format(Locale.ROOT, "  %-20s %s%n", fit.featureNames().get(j),
                        Main.format(fit.coefficients()[j])));
            }
        }
        return text.toString();
    }

    private static Map<String, Object> json(Path path, LinearSolution fit) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("source", path.toString());
        report.put("rows", fit.diagnostics().rows());
        report.put("method", fit.diagnostics().method());
        report.put("fitSeconds", fit.diagnostics().fitTime().toNanos() / 1e9);
        report.put("intercept", fit.intercept());
        Map<String, Object> coefficients = new LinkedHashMap<>();
        for (int j = 0; j < fit.coefficients().length; j++) {
            coefficients.put(fit.featureNames().get(j), fit.coefficients()[j]);
        }
        report.put("coefficients", coefficients);
        fit.statistics().map(InferenceStatistics::r2).ifPresent(r2 -> report.put("trainR2", r2));
        report.put("notes", List.copyOf(fit.diagnostics().notes()));
        return report;
    }

    /**
     * One line on standard error, rewritten in place at most four times a second: the pass, rows read, the rate,
     * the share of the work done and the time left, estimated from the bytes read out of passes × file size.
     */
    static final class Progress {

        private static final long INTERVAL_NANOS = 250_000_000L;

        private final PrintStream err;
        private final long fileBytes;
        private final int passes;
        private final long start = System.nanoTime();
        private int pass;
        private long bytesBefore;
        private long bytesThisPass;
        private long rows;
        private long allRows;
        private long lastPrint;

        Progress(PrintStream err, long fileBytes, int passes) {
            this.err = err;
            this.fileBytes = Math.max(1, fileBytes);
            this.passes = passes;
        }

        void startPass() {
            bytesBefore += bytesThisPass;
            bytesThisPass = 0;
            rows = 0;
            pass++;
        }

        InputStream counting(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        bytesThisPass++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        bytesThisPass += n;
                    }
                    return n;
                }
            };
        }

        void rows(int count) {
            rows += count;
            allRows += count;
            long now = System.nanoTime();
            if (now - lastPrint >= INTERVAL_NANOS) {
                lastPrint = now;
                err.print("\r" + line(now));
                err.flush();
            }
        }

        void finish() {
            err.print("\r" + line(System.nanoTime()) + "\n");
            err.flush();
        }

        String line(long now) {
            double seconds = Math.max(1e-9, (now - start) / 1e9);
            double done = Math.min(1.0, (bytesBefore + bytesThisPass) / ((double) fileBytes * passes));
            double left = done > 0 ? seconds * (1 - done) / done : Double.NaN;
            return String.format(Locale.ROOT, "pass %d of %d: %,d rows read, %,.0f rows/s, %.0f%% done, about %s "
                    + "left   ", Math.min(pass, passes), passes, rows, allRows / seconds,
                    100 * done, Double.isNaN(left) ? "?" : String.format(Locale.ROOT, "%.0f s", left));
        }
    }
}
