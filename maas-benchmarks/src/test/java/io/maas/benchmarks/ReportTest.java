package io.maas.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReportTest {

    /**
     * Two fits as JMH writes them: maas with one slow iteration (30 ms among five of 9-15 ms), so that its mean (14 ms)
     * and its median (10 ms) tell different stories, and one peer (mean 41 ms, median 40).
     */
    private static final String RESULTS = "[" + fit("maas", 14.0, 20.0, 10.0, "[[9.0, 10.0, 30.0], [10.0, 10.0, 15.0]]")
            + "," + fit("ojalgo-qr", 41.0, 3.0, 40.0, "[[39.0, 40.0, 44.0], [40.0, 40.0, 43.0]]") + "]";

    /** One FitBenchmark result at 1M x 20 as JMH writes it, with its mean, error, median and per-fork iterations. */
    private static String fit(String solver, double mean, double error, double median, String rawData) {
        return String.format(Locale.ROOT, """
                {"benchmark": "io.maas.benchmarks.solver.FitBenchmark.fit", "mode": "avgt", "threads": 1,
                 "forks": 2, "warmupIterations": 4, "measurementIterations": 3, "jdkVersion": "17",
                 "vmName": "VM", "vmVersion": "1", "params": {"shape": "1000000x20", "solver": "%s"},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "ms/op",
                   "scorePercentiles": {"50.0": %s}, "rawData": %s}}
                """, solver, mean, error, median, rawData);
    }

    @Test
    void times_rates_and_ratios_come_from_the_median_of_every_measured_iteration() throws Exception {
        JsonNode results = new ObjectMapper().readTree(RESULTS);

        String markdown = Report.markdown(results);

        // 1M x 21 x 22 flops in the median's 10 ms: 46.2 GFLOP/s, 51 % of the 91 GFLOP/s (no MachineBenchmark
        // ran); the mean's 14 ms would give 33.0 and 36 %.
        assertThat(markdown)
                .contains("| fit | 1000000x20 | solver=maas | 1 | 10.0 ms | 6 | 14.0 ± 20 ms | 46.2 | 51 % |");
        assertThat(markdown).contains("| fit | 1000000x20 | solver=ojalgo-qr | 1 | 40.0 ms | 6 | 41.0 ± 3.0 ms |");
        // Side by side: the medians, and the peer's median over maas's (the means would give 2.9x).
        assertThat(markdown).contains("| 1000000x20 | 10.0 ms | 40.0 ms | 4.0x |");
    }

    @Test
    void each_denominator_says_whether_this_run_measured_it() throws Exception {
        // Only the read bandwidth ran: 2 threads x 8 bytes x 2^24 values in 8000 µs (median) is 33.6 GB/s.
        String bandwidthOnly = """
                [{"benchmark": "io.maas.benchmarks.machine.MachineBenchmark.readBandwidth", "mode": "avgt",
                  "threads": 2, "forks": 1, "warmupIterations": 1, "measurementIterations": 2,
                  "primaryMetric": {"score": 8000.0, "scoreError": "NaN", "scoreUnit": "us/op",
                    "scorePercentiles": {"50.0": 8000.0}, "rawData": [[7900.0, 8100.0]]}}]
                """;

        String markdown = Report.markdown(new ObjectMapper().readTree(bandwidthOnly));

        assertThat(markdown).contains("- Denominators: FMA peak 91.0 GFLOP/s on all cores (the issue author's "
                + "measurement, as MachineBenchmark.fmaPeak did not run), read bandwidth 33.6 GB/s (measured by "
                + "MachineBenchmark in this run)");
    }

    @Test
    void figures_keep_three_significant_digits_without_an_exponent() {
        assertThat(Report.significant(0.678123, 3)).isEqualTo("0.678");
        assertThat(Report.significant(10.0, 3)).isEqualTo("10.0");
        assertThat(Report.significant(999.4, 3)).isEqualTo("999");
        assertThat(Report.significant(1342.81, 3)).isEqualTo("1340");
        assertThat(Report.significant(9239.3, 3)).isEqualTo("9240");
        assertThat(Report.significant(140.2, 2)).isEqualTo("140");
        assertThat(Report.significant(18.0, 2)).isEqualTo("18");
        assertThat(Report.significant(999.96, 3)).isEqualTo("1000");
        assertThat(Report.significant(0.050912, 3)).isEqualTo("0.0509");
        assertThat(Report.significant(0.0000123456, 3)).isEqualTo("0.0000123");
        assertThat(Report.significant(-2.5, 2)).isEqualTo("-2.5");
    }
}
