package io.maas.metrics.service;

import java.util.Locale;

/**
 * Latency statistics of the values a {@link LatencyRecorder} saw over some span (since it started, or over its
 * sliding window), in nanoseconds.
 *
 * <p>Every statistic is within 1/128 (0.78 %) of the exact value it stands for: a percentile p is the
 * nearest-rank percentile (the smallest recorded value with at least p % of the values at or below it), reported
 * as the upper end of its bucket, so never below the exact value and less than 0.78 % above it; the minimum is at
 * most 0.78 % below the exact minimum, the maximum at most 0.78 % above the exact maximum, and the mean within
 * 0.39 % of the exact mean. Values of 255 ns or less are exact. A value above the recorder's highest trackable value
 * counts as that value, and in {@code clampedCount}.
 *
 * <p>When {@code count} is 0 every statistic is 0: check the count before reading them. An immutable value.
 *
 * @param count        the number of values recorded, &ge; 0
 * @param meanNanos    the mean, in [min, max]
 * @param minNanos     the smallest value, &ge; 0
 * @param p50Nanos     the median
 * @param p90Nanos     the 90th percentile
 * @param p99Nanos     the 99th percentile
 * @param p999Nanos    the 99.9th percentile
 * @param maxNanos     the largest value
 * @param clampedCount how many of the values were above the recorder's highest trackable value, in [0, count]
 */
public record LatencySnapshot(long count, double meanNanos, long minNanos, long p50Nanos, long p90Nanos,
                              long p99Nanos, long p999Nanos, long maxNanos, long clampedCount) {

    /** The snapshot of no values: every field 0. */
    public static final LatencySnapshot EMPTY = new LatencySnapshot(0, 0.0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Checks that the statistics are consistent with each other.
     *
     * @param count        the number of values recorded
     * @param meanNanos    the mean
     * @param minNanos     the smallest value
     * @param p50Nanos     the median
     * @param p90Nanos     the 90th percentile
     * @param p99Nanos     the 99th percentile
     * @param p999Nanos    the 99.9th percentile
     * @param maxNanos     the largest value
     * @param clampedCount how many values were above the highest trackable value
     * @throws IllegalArgumentException if the count is negative, the clamped count outside [0, count], the
     *                                  statistics not all 0 for a count of 0, or otherwise not ordered as
     *                                  0 &le; min &le; p50 &le; p90 &le; p99 &le; p99.9 &le; max with the mean in
     *                                  [min, max]
     */
    public LatencySnapshot {
        if (count < 0 || clampedCount < 0 || clampedCount > count) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "count must be >= 0 and clampedCount in [0, count] but were %d and %d", count, clampedCount));
        }
        boolean ordered = 0 <= minNanos && minNanos <= p50Nanos && p50Nanos <= p90Nanos && p90Nanos <= p99Nanos
                && p99Nanos <= p999Nanos && p999Nanos <= maxNanos && minNanos <= meanNanos && meanNanos <= maxNanos;
        boolean allZero = meanNanos == 0.0 && minNanos == 0 && maxNanos == 0;
        if (!ordered || (count == 0 && !allZero)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "latency statistics must be ordered 0 <= min <= p50 <= p90 <= p99 <= p99.9 <= max with the"
                            + " mean in [min, max], and all 0 for no values, but were count=%d min=%d p50=%d"
                            + " p90=%d p99=%d p99.9=%d max=%d mean=%s", count, minNanos, p50Nanos, p90Nanos,
                    p99Nanos, p999Nanos, maxNanos, meanNanos));
        }
    }

    /**
     * Returns the statistics as one line for a log, in milliseconds with three decimals, such as
     * {@code n=1200 mean=1.201ms min=0.900ms p50=1.100ms p90=2.000ms p99=5.000ms p99.9=9.000ms max=12.000ms
     * clamped=0}.
     *
     * @return a one-line summary
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "n=%d mean=%s min=%s p50=%s p90=%s p99=%s p99.9=%s max=%s clamped=%d",
                count, millis(meanNanos), millis(minNanos), millis(p50Nanos), millis(p90Nanos), millis(p99Nanos),
                millis(p999Nanos), millis(maxNanos), clampedCount);
    }

    private static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
    }
}
