package io.maas.metrics.service;

import java.util.Locale;

/**
 * The throughput a {@link ThroughputMeter} measured: a total count and two rates in events per second. An immutable
 * value.
 *
 * @param count         the number of events since the meter started, &ge; 0
 * @param meanRate      count divided by the seconds since the meter started (0 at the start), &ge; 0
 * @param oneMinuteRate the exponentially weighted rate with a one-minute time constant (see
 *                      {@link ThroughputMeter}), &ge; 0
 */
public record ThroughputSnapshot(long count, double meanRate, double oneMinuteRate) {

    /**
     * Checks the count and rates.
     *
     * @param count         the number of events
     * @param meanRate      the mean rate per second
     * @param oneMinuteRate the one-minute rate per second
     * @throws IllegalArgumentException if the count is negative or a rate negative or not finite
     */
    public ThroughputSnapshot {
        if (count < 0 || !(meanRate >= 0.0) || !(oneMinuteRate >= 0.0)
                || !Double.isFinite(meanRate) || !Double.isFinite(oneMinuteRate)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "count and rates must be >= 0 and finite but were %d, %s and %s",
                    count, meanRate, oneMinuteRate));
        }
    }

    /**
     * Returns the throughput as text for a log, such as {@code count=1200 rate1m=19.80/s mean=20.00/s}.
     *
     * @return a one-line summary, rates with two decimals
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "count=%d rate1m=%.2f/s mean=%.2f/s", count, oneMinuteRate, meanRate);
    }
}
