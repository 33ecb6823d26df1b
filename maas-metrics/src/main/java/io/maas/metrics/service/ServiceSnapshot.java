package io.maas.metrics.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link ServiceMetrics} measured at one moment: requests and their rates, failures, and latency over the
 * sliding window and since start. Render it with {@link #toString()} for logs or {@link PrometheusText} for a
 * {@code /metrics} endpoint.
 *
 * <p>The parts are read one after another, not atomically: under load, counts may differ by the few requests
 * that completed in between. An immutable value.
 *
 * @param requests          the requests (successful or not) and their rates
 * @param failures          how many of the requests failed, &ge; 0
 * @param window            the length of the sliding window of {@code recentLatency}
 * @param recentLatency     latency over the sliding window
 * @param latencySinceStart latency of every request since start
 */
public record ServiceSnapshot(ThroughputSnapshot requests, long failures, Duration window,
                              LatencySnapshot recentLatency, LatencySnapshot latencySinceStart) {

    /**
     * Checks that every part is present and the failure count is not negative.
     *
     * @param requests          the requests and their rates
     * @param failures          the number of failed requests
     * @param window            the length of the sliding window
     * @param recentLatency     latency over the window
     * @param latencySinceStart latency since start
     * @throws IllegalArgumentException if {@code failures} is negative
     */
    public ServiceSnapshot {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(recentLatency, "recentLatency");
        Objects.requireNonNull(latencySinceStart, "latencySinceStart");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must be >= 0 but was " + failures);
        }
    }

    /**
     * Returns the snapshot as one line for a log, such as
     * {@code requests=1200 failures=3 rate1m=19.80/s mean=20.00/s | last 60s: n=1180 mean=1.201ms ... | since
     * start: n=1200 mean=1.190ms ...}, latencies in milliseconds as {@link LatencySnapshot#toString()}.
     *
     * @return a one-line summary
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "requests=%d failures=%d rate1m=%.2f/s mean=%.2f/s | last %s: %s | since"
                        + " start: %s", requests.count(), failures, requests.oneMinuteRate(), requests.meanRate(),
                seconds(window), recentLatency, latencySinceStart);
    }

    private static String seconds(Duration duration) {
        return duration.getNano() == 0 ? duration.getSeconds() + "s"
                : String.format(Locale.ROOT, "%ss", duration.toNanos() / 1e9);
    }
}
