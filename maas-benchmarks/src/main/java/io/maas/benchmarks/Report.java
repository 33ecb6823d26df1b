package io.maas.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns JMH's JSON results into the Markdown summary of {@code RESULTS.md}: the median time per operation over every
 * measured iteration of every fork, with the count of those iterations and JMH's mean and error beside it, and for the
 * hot paths GFLOP/s against the measured FMA peak and GB/s against the measured read bandwidth (both from
 * {@code MachineBenchmark} in the same run; each the issue's own measurement if its benchmark did not run), plus the
 * fits side by side with the peers. Rates and ratios come from the medians: on a shared host one slow iteration moves a
 * mean, and the error with it, far more than a median.
 *
 * <pre>
 * java -cp target/benchmarks.jar io.maas.benchmarks.Report target/jmh-result.json target/RESULTS.md
 * </pre>
 * The benchmark profile runs this after JMH. Unknown benchmarks are listed with their time only.
 */
public final class Report {

    /** The issue author's measurement on this machine: 2-core FMA peak, GFLOP/s. */
    private static final double ISSUE_PEAK = 91;

    /** The issue author's measurement on this machine: read bandwidth, GB/s (16-21 measured). */
    private static final double ISSUE_BANDWIDTH = 18.5;

    private Report() {
    }

    /**
     * Reads the JSON results and writes the Markdown summary.
     *
     * @param args the JMH JSON file, then the Markdown file to write
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Report <jmh-result.json> <RESULTS.md>");
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Files.writeString(Path.of(args[1]), markdown(results));
        System.out.println("wrote " + args[1]);
    }

    /**
     * One JMH result, reduced to what the tables need: JMH's mean score and error, and the median score over all
     * measured iterations and their count.
     */
    private record Row(String className, String method, Map<String, String> params, int threads, double score,
                       double error, double median, int iterations, String unit) {

        /** The median as seconds per operation, the figure rates and ratios use. */
        double seconds() {
            return secondsPerOperation(median, unit);
        }

        String size() {
            return params.getOrDefault("shape", "");
        }

        String variant() {
            StringBuilder variant = new StringBuilder();
            params.forEach((name, value) -> {
                if (!name.equals("shape")) {
                    variant.append(variant.length() == 0 ? "" : ", ").append(name).append('=').append(value);
                }
            });
            return variant.toString();
        }
    }

    static String markdown(JsonNode results) {
        List<Row> rows = new ArrayList<>();
        String jdk = "";
        String runShape = "";
        for (JsonNode result : results) {
            String benchmark = result.get("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            Map<String, String> params = new TreeMap<>();
            JsonNode p = result.get("params");
            if (p != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.put(e.getKey(), e.getValue().asText());
                }
            }
            JsonNode metric = result.get("primaryMetric");
            String unit = metric.get("scoreUnit").asText();
            double score = metric.get("score").asDouble();
            double error = metric.get("scoreError").isNumber() ? metric.get("scoreError").asDouble() : Double.NaN;
            double median = metric.path("scorePercentiles").path("50.0").asDouble(score);
            int iterations = 0;
            for (JsonNode fork : metric.path("rawData")) {
                iterations += fork.size();
            }
            rows.add(new Row(className, benchmark.substring(dot + 1), params, result.get("threads").asInt(), score,
                    error, median, iterations, unit));
            jdk = result.path("jdkVersion").asText() + " (" + result.path("vmName").asText() + " "
                    + result.path("vmVersion").asText() + ")";
            runShape = String.format(Locale.ROOT, "%d fork(s), %d warm-up and %d measured iterations",
                    result.path("forks").asInt(), result.path("warmupIterations").asInt(),
                    result.path("measurementIterations").asInt());
        }
        double peak = ISSUE_PEAK;
        double bandwidth = ISSUE_BANDWIDTH;
        String measured = "measured by MachineBenchmark in this run";
        String assumed = "the issue author's measurement, as MachineBenchmark.%s did not run";
        String peakSource = String.format(Locale.ROOT, assumed, "fmaPeak");
        String bandwidthSource = String.format(Locale.ROOT, assumed, "readBandwidth");
        for (Row row : rows) {
            if (row.className().equals("MachineBenchmark") && row.method().equals("fmaPeak")) {
                peak = row.threads() * 32.0 * 1024 / row.seconds() / 1e9;
                peakSource = measured;
            } else if (row.className().equals("MachineBenchmark") && row.method().equals("readBandwidth")) {
                bandwidth = row.threads() * 8.0 * (1 << 24) / row.seconds() / 1e9;
                bandwidthSource = measured;
            }
        }

        StringBuilder md = new StringBuilder();
        md.append("# maas benchmark results\n\n");
        md.append(String.format(Locale.ROOT, "- Date: %s; JDK %s%n", LocalDate.now(), jdk));
        md.append(String.format(Locale.ROOT, "- Machine: %s, %d cores visible to the JVM%n", cpu(),
                Runtime.getRuntime().availableProcessors()));
        md.append("- Run: ").append(runShape).append(" (the last result's; each class declares its own). Times "
                + "are medians over the measured iterations of all forks (their count beside them), means with JMH's "
                + "99.9% confidence half-widths after them; rates and ratios use the medians\n");
        md.append(String.format(Locale.ROOT, "- Denominators: FMA peak %.1f GFLOP/s on all cores (%s), read "
                + "bandwidth %.1f GB/s (%s)%n", peak, peakSource, bandwidth, bandwidthSource));
        md.append("- GFLOP/s count one multiply-add as 2 flops; the fits' GFLOP/s are nominal, n·q·(q + 1) for "
                + "q = p + 1 (the Gram of [X y]), whatever the method; GB/s count the feature matrix (and target) "
                + "read once per operation.\n\n");

        Map<String, List<Row>> byClass = new LinkedHashMap<>();
        for (Row row : rows) {
            byClass.computeIfAbsent(row.className(), c -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<Row>> entry : byClass.entrySet()) {
            md.append("## ").append(entry.getKey()).append("\n\n");
            md.append("| benchmark | shape | variant | JMH threads | median time / op | iterations | mean | GFLOP/s "
                    + "| % of peak | GB/s | % of bandwidth |\n");
            md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (Row row : entry.getValue()) {
                double[] work = work(row);
                double gflops = work[0] / row.seconds() / 1e9;
                double gbytes = work[1] / row.seconds() / 1e9;
                if (row.className().equals("MachineBenchmark")) {
                    gflops = row.method().equals("fmaPeak") ? peak : Double.NaN;
                    gbytes = row.method().equals("readBandwidth") ? bandwidth : Double.NaN;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %d | %s | %s | %s | %s | %s |%n",
                        row.method(), row.size(), row.variant(), row.threads(), median(row), row.iterations(),
                        mean(row), number(gflops), percent(gflops / peak), number(gbytes),
                        percent(gbytes / bandwidth)));
            }
            md.append('\n');
        }
        appendFitComparison(md, byClass.getOrDefault("FitBenchmark", List.of()));
        return md.toString();
    }

    /** The fits side by side: one row per size, one column per solver, and maas against the fastest peer. */
    private static void appendFitComparison(StringBuilder md, List<Row> fits) {
        if (fits.isEmpty()) {
            return;
        }
        List<String> solvers = new ArrayList<>();
        Map<String, Map<String, Row>> bySize = new LinkedHashMap<>();
        for (Row row : fits) {
            String solver = row.params().getOrDefault("solver", "?");
            if (!solvers.contains(solver)) {
                solvers.add(solver);
            }
            bySize.computeIfAbsent(row.size(), s -> new LinkedHashMap<>()).put(solver, row);
        }
        md.append("## Fits side by side (median time per fit; lower is better)\n\n| shape | ");
        md.append(String.join(" | ", solvers)).append(" | fastest peer / maas |\n| --- |");
        md.append(" ---: |".repeat(solvers.size() + 1)).append('\n');
        for (Map.Entry<String, Map<String, Row>> size : bySize.entrySet()) {
            md.append("| ").append(size.getKey()).append(" |");
            double best = Double.POSITIVE_INFINITY;
            for (String solver : solvers) {
                Row row = size.getValue().get(solver);
                md.append(' ').append(row == null ? "" : median(row)).append(" |");
                if (row != null && !solver.startsWith("maas")) {
                    best = Math.min(best, row.seconds());
                }
            }
            Row maas = size.getValue().get("maas");
            md.append(maas == null || Double.isInfinite(best) ? " |"
                    : String.format(Locale.ROOT, " %.1fx |", best / maas.seconds())).append('\n');
        }
        md.append('\n');
    }

    /** Flops and bytes of one operation, from the benchmark and its size; zero when not meaningful. */
    private static double[] work(Row row) {
        String size = row.size();
        if (size.isEmpty()) {
            return new double[] {0, 0};
        }
        Problems.Size s = Problems.Size.parse(size);
        double n = s.rows();
        double p = s.features();
        double q = p + 1;
        return switch (row.className() + "." + row.method()) {
            case "GramBenchmark.gramPass", "FitBenchmark.fit" -> new double[] {n * q * (q + 1), 8 * n * q};
            case "GramBenchmark.kernelOnly" -> new double[] {240 * q * (q + 1), 0};
            case "GradientDescentEpochBenchmark.epoch" -> new double[] {4 * n * p, 8 * n * q};
            case "PredictBenchmark.predictBatch" -> new double[] {2 * n * p, 8 * n * p};
            default -> new double[] {0, 0};
        };
    }

    /** Seconds per operation from a score in time per operation (AverageTime) or operations per time (Throughput). */
    private static double secondsPerOperation(double score, String unit) {
        return switch (unit) {
            case "s/op" -> score;
            case "ms/op" -> score * 1e-3;
            case "us/op" -> score * 1e-6;
            case "ns/op" -> score * 1e-9;
            case "ops/s" -> 1 / score;
            case "ops/ms" -> 1e-3 / score;
            case "ops/us" -> 1e-6 / score;
            case "ops/ns" -> 1e-9 / score;
            default -> throw new IllegalArgumentException("unsupported unit " + unit
                    + " (use AverageTime or Throughput)");
        };
    }

    /** The median score in the benchmark's unit. */
    private static String median(Row row) {
        return significant(row.median(), 3) + " " + unit(row);
    }

    /** JMH's mean score, with its 99.9 % confidence half-width when it has one. */
    private static String mean(Row row) {
        return Double.isNaN(row.error())
                ? significant(row.score(), 3) + " " + unit(row)
                : significant(row.score(), 3) + " ± " + significant(row.error(), 2) + " " + unit(row);
    }

    /**
     * {@code value} rounded to {@code digits} significant digits, written without an exponent and with its trailing
     * zeros (1340, not 1.34e+03; 10.0, 0.0509, and 1000 for 999.96).
     */
    static String significant(double value, int digits) {
        if (!Double.isFinite(value) || value == 0) {
            return String.format(Locale.ROOT, "%." + digits + "g", value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits));
        int leading = rounded.precision() - rounded.scale() - 1; // the power of ten of the first digit
        return rounded.setScale(Math.max(0, digits - 1 - leading), RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String unit(Row row) {
        return row.unit().replace("/op", "").replace("us", "µs");
    }

    private static String number(double value) {
        return value > 0 && Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f", value) : "";
    }

    private static String percent(double share) {
        return share > 0 && Double.isFinite(share) ? String.format(Locale.ROOT, "%.0f %%", 100 * share) : "";
    }

    /** The CPU model and its vector extensions, from /proc/cpuinfo where there is one. */
    private static String cpu() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return System.getProperty("os.arch");
        }
        try (Stream<String> lines = Files.lines(info)) {
            String model = "";
            String flags = "";
            for (String line : (Iterable<String>) lines::iterator) {
                if (model.isEmpty() && line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (flags.isEmpty() && line.startsWith("flags")) {
                    flags = line;
                }
            }
            String vectors = flags.contains(" avx512f") ? ", AVX-512" : flags.contains(" avx2") ? ", AVX2" : "";
            return model + vectors + (flags.contains(" fma") ? " + FMA" : "");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
