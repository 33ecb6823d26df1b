package io.maas.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final ServiceSnapshot DIABETES = new ServiceSnapshot(new ThroughputSnapshot(1200, 20.0, 19.8), 3,
            Duration.ofMinutes(1),
            new LatencySnapshot(1180, 1_200_000.0, 900_000, 1_100_000, 2_000_000, 5_000_000, 9_000_000, 12_000_000, 0),
            new LatencySnapshot(1200, 1_250_000.0, 800_000, 1_100_000, 2_000_000, 5_000_000, 9_500_000, 15_000_000,
                    1));
    private static final ServiceSnapshot IDLE = new ServiceSnapshot(new ThroughputSnapshot(0, 0.0, 0.0), 0,
            Duration.ofMinutes(1), LatencySnapshot.EMPTY, LatencySnapshot.EMPTY);

    // One sample line of the 0.0.4 text format: name, optional labels with escaped values, a float.
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\""
                    + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\\\n]|\\\\[\\\\\"n])*\")*})? -?[0-9.E-]+|NaN");
    private static final Pattern COMMENT = Pattern.compile(
            "# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* ([^\\\\\\n]|\\\\[\\\\n])*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]*"
                    + " (counter|gauge|summary))");

    @Test
    void renders_counters_gauge_and_summary_exactly() {
        String text = PrometheusText.forService("maas_predict", "Model predictions")
                .add(Map.of("model", "diabetes"), DIABETES)
                .add(Map.of("model", "iris"), IDLE)
                .render();

        assertThat(text).isEqualTo("""
                # HELP maas_predict_requests_total Model predictions: requests handled, successful or not
                # TYPE maas_predict_requests_total counter
                maas_predict_requests_total{model="diabetes"} 1200
                maas_predict_requests_total{model="iris"} 0
                # HELP maas_predict_failures_total Model predictions: requests that failed
                # TYPE maas_predict_failures_total counter
                maas_predict_failures_total{model="diabetes"} 3
                maas_predict_failures_total{model="iris"} 0
                # HELP maas_predict_requests_per_second Model predictions: request rate per second, \
                exponentially weighted over 1 minute
                # TYPE maas_predict_requests_per_second gauge
                maas_predict_requests_per_second{model="diabetes"} 19.8
                maas_predict_requests_per_second{model="iris"} 0.0
                # HELP maas_predict_latency_seconds Model predictions: latency in seconds; quantiles over the \
                sliding window, sum and count since start
                # TYPE maas_predict_latency_seconds summary
                maas_predict_latency_seconds{model="diabetes",quantile="0.5"} 0.0011
                maas_predict_latency_seconds{model="diabetes",quantile="0.9"} 0.002
                maas_predict_latency_seconds{model="diabetes",quantile="0.99"} 0.005
                maas_predict_latency_seconds{model="diabetes",quantile="0.999"} 0.009
                maas_predict_latency_seconds_sum{model="diabetes"} 1.5
                maas_predict_latency_seconds_count{model="diabetes"} 1200
                maas_predict_latency_seconds_sum{model="iris"} 0.0
                maas_predict_latency_seconds_count{model="iris"} 0
                # HELP maas_predict_latency_clamped_total Model predictions: latencies above the highest \
                trackable value, counted as that value
                # TYPE maas_predict_latency_clamped_total counter
                maas_predict_latency_clamped_total{model="diabetes"} 1
                maas_predict_latency_clamped_total{model="iris"} 0
                """);
    }

    @Test
    void without_labels_the_braces_are_left_out() {
        String text = PrometheusText.forService("svc", "").add(DIABETES).render();

        assertThat(text).contains("\nsvc_requests_total 1200\n")
                .contains("\nsvc_latency_seconds{quantile=\"0.999\"} 0.009\n")
                .startsWith("# HELP svc_requests_total requests handled, successful or not\n");
    }

    @Test
    void label_values_and_help_are_escaped() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("zone", "eu");
        labels.put("model", "a\\b \"quoted\"\nnext");

        String text = PrometheusText.forService("svc", "back\\slash\nnew line").add(labels, IDLE).render();

        assertThat(text)
                .contains("svc_requests_total{model=\"a\\\\b \\\"quoted\\\"\\nnext\",zone=\"eu\"} 0\n")
                .contains("# HELP svc_failures_total back\\\\slash\\nnew line: requests that failed\n");
    }

    @Test
    void every_line_follows_the_exposition_grammar() {
        String text = PrometheusText.forService("a:b_c", "help with \\ and \" and\nnewline")
                .add(Map.of("model", "\"\\\n"), DIABETES)
                .add(Map.of("model", "plain", "_x", "1"), IDLE)
                .render();

        assertThat(text).endsWith("\n");
        for (String line : text.split("\n")) {
            assertThat(SAMPLE.matcher(line).matches() || COMMENT.matcher(line).matches()).as(line).isTrue();
        }
    }

    @Test
    void bad_names_and_duplicate_label_sets_are_refused() {
        assertThatThrownBy(() -> PrometheusText.forService("9lives", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix '9lives' is not a valid Prometheus metric name");
        assertThatThrownBy(() -> PrometheusText.forService("a-b", "x")).isInstanceOf(IllegalArgumentException.class);
        PrometheusText text = PrometheusText.forService("svc", "x");
        assertThatThrownBy(() -> text.add(Map.of("quantile", "1"), IDLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label name 'quantile' is invalid");
        assertThatThrownBy(() -> text.add(Map.of("__name", "1"), IDLE)).hasMessageContaining("'__name'");
        assertThatThrownBy(() -> text.add(Map.of("a b", "1"), IDLE)).hasMessageContaining("'a b'");
        text.add(Map.of("model", "m"), IDLE);
        assertThatThrownBy(() -> text.add(Map.of("model", "m"), DIABETES))
                .hasMessageContaining("the label set {model=m} was added already");
    }

    @Test
    void a_live_snapshot_renders_without_error() {
        ManualClock clock = new ManualClock();
        ServiceMetrics metrics = ServiceMetrics.builder().clock(clock).build();
        metrics.record(1_500_000, Outcome.SUCCESS);
        clock.advance(Duration.ofSeconds(1));

        String text = PrometheusText.forService("live", "Live").add(metrics.snapshot()).render();

        // 1.5 ms lies in bucket [1499136, 1507327] (8192 wide): quantiles report its top, the sum its midpoint.
        assertThat(text).contains("live_latency_seconds{quantile=\"0.5\"} 0.001507327\n")
                .contains("live_latency_seconds_sum 0.0015032315\n")
                .contains("live_latency_seconds_count 1\n");
    }
}
