package io.maas.metrics.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders {@link ServiceSnapshot}s in the Prometheus text exposition format, version 0.0.4, so that a service can
 * serve them at {@code /metrics} (content type {@code text/plain; version=0.0.4; charset=utf-8}) with no other
 * library.
 *
 * <p>For a prefix {@code p} it writes five metric families, each with its HELP and TYPE lines and one sample (or
 * set of samples) per added snapshot, label sets in the order added and label names sorted:
 * <ul>
 *   <li>{@code p_requests_total} (counter): requests handled, successful or not;</li>
 *   <li>{@code p_failures_total} (counter): requests that failed;</li>
 *   <li>{@code p_requests_per_second} (gauge): the one-minute exponentially weighted request rate;</li>
 *   <li>{@code p_latency_seconds} (summary): quantiles 0.5, 0.9, 0.99 and 0.999 over the sliding window,
 *       {@code _sum} and {@code _count} since start, as Prometheus client summaries do. The quantile lines are
 *       left out while the window is empty (rather than written as NaN). {@code _sum} is count × mean, so it carries
 *       the mean's 0.39 % bound;</li>
 *   <li>{@code p_latency_clamped_total} (counter): latencies above the highest trackable value.</li>
 * </ul>
 * Latencies are in seconds, Prometheus' base unit. Label values are escaped (backslash, double quote, line feed),
 * as is the help text (backslash, line feed).
 *
 * <p>A builder: {@code PrometheusText.forService(prefix, help).add(labels, snapshot)...render()}. Not thread-safe;
 * {@link #render()} leaves it reusable.
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final String[] QUANTILES = {"0.5", "0.9", "0.99", "0.999"};

    private final String prefix;
    private final String help;
    private final List<Map<String, String>> labelSets = new ArrayList<>();
    private final List<ServiceSnapshot> snapshots = new ArrayList<>();

    private PrometheusText(String prefix, String help) {
        this.prefix = prefix;
        this.help = help;
    }

    /**
     * Starts the exposition of one service's metrics.
     *
     * @param prefix the metric name prefix, matching {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, such as {@code maas_predict}
     * @param help   what the service is, prefixed to each family's help text; any text
     * @return a new builder with no snapshots
     * @throws IllegalArgumentException if the prefix is not a valid metric name
     */
    public static PrometheusText forService(String prefix, String help) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(help, "help");
        if (!METRIC_NAME.matcher(prefix).matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "prefix '%s' is not a valid Prometheus metric name; it must match [a-zA-Z_:][a-zA-Z0-9_:]*",
                    prefix));
        }
        return new PrometheusText(prefix, help);
    }

    /**
     * Adds a snapshot with no labels.
     *
     * @param snapshot the snapshot to render
     * @return this builder
     * @throws IllegalArgumentException if a snapshot with no labels was added already
     */
    public PrometheusText add(ServiceSnapshot snapshot) {
        return add(Map.of(), snapshot);
    }

    /**
     * Adds a snapshot with labels that tell it apart from the others, such as {@code model="diabetes"}.
     *
     * @param labels   label names (matching {@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting with {@code __}, not
     *                 {@code quantile}) to values (any text)
     * @param snapshot the snapshot to render
     * @return this builder
     * @throws IllegalArgumentException if a label name is invalid or reserved, or the same label set was added
     */
    public PrometheusText add(Map<String, String> labels, ServiceSnapshot snapshot) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(snapshot, "snapshot");
        Map<String, String> sorted = new TreeMap<>();
        labels.forEach((name, value) -> {
            Objects.requireNonNull(name, "label name");
            Objects.requireNonNull(value, "value of label " + name);
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__") || name.equals("quantile")) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "label name '%s' is invalid: it must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ and"
                                + " not be 'quantile'", name));
            }
            sorted.put(name, value);
        });
        if (labelSets.contains(sorted)) {
            throw new IllegalArgumentException("the label set " + sorted + " was added already");
        }
        labelSets.add(sorted);
        snapshots.add(snapshot);
        return this;
    }

    /**
     * Renders every added snapshot.
     *
     * @return the exposition text, lines ending in a line feed
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        family(out, "requests_total", "counter", "requests handled, successful or not");
        for (int i = 0; i < snapshots.size(); i++) {
            sample(out, "requests_total", labelSets.get(i), null, Long.toString(snapshots.get(i).requests().count()));
        }
        family(out, "failures_total", "counter", "requests that failed");
        for (int i = 0; i < snapshots.size(); i++) {
            sample(out, "failures_total", labelSets.get(i), null, Long.toString(snapshots.get(i).failures()));
        }
        family(out, "requests_per_second", "gauge", "request rate per second, exponentially weighted over 1 minute");
        for (int i = 0; i < snapshots.size(); i++) {
            sample(out, "requests_per_second", labelSets.get(i), null,
                    Double.toString(snapshots.get(i).requests().oneMinuteRate()));
        }
        family(out, "latency_seconds", "summary",
                "latency in seconds; quantiles over the sliding window, sum and count since start");
        for (int i = 0; i < snapshots.size(); i++) {
            LatencySnapshot recent = snapshots.get(i).recentLatency();
            LatencySnapshot total = snapshots.get(i).latencySinceStart();
            if (recent.count() > 0) {
                long[] values = {recent.p50Nanos(), recent.p90Nanos(), recent.p99Nanos(), recent.p999Nanos()};
                for (int q = 0; q < QUANTILES.length; q++) {
                    sample(out, "latency_seconds", labelSets.get(i), QUANTILES[q], seconds(values[q]));
                }
            }
            sample(out, "latency_seconds_sum", labelSets.get(i), null,
                    seconds(total.meanNanos() * total.count()));
            sample(out, "latency_seconds_count", labelSets.get(i), null, Long.toString(total.count()));
        }
        family(out, "latency_clamped_total", "counter",
                "latencies above the highest trackable value, counted as that value");
        for (int i = 0; i < snapshots.size(); i++) {
            sample(out, "latency_clamped_total", labelSets.get(i), null,
                    Long.toString(snapshots.get(i).latencySinceStart().clampedCount()));
        }
        return out.toString();
    }

    private void family(StringBuilder out, String suffix, String type, String description) {
        String name = prefix + "_" + suffix;
        String text = help.isEmpty() ? description : help + ": " + description;
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(text)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(StringBuilder out, String suffix, Map<String, String> labels, String quantile,
                        String value) {
        out.append(prefix).append('_').append(suffix);
        if (!labels.isEmpty() || quantile != null) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, String> label : labels.entrySet()) {
                out.append(separator).append(label.getKey()).append("=\"")
                        .append(escapeLabelValue(label.getValue())).append('"');
                separator = ",";
            }
            if (quantile != null) {
                out.append(separator).append("quantile=\"").append(quantile).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private static String seconds(double nanos) {
        return Double.toString(nanos / 1e9);
    }

    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
