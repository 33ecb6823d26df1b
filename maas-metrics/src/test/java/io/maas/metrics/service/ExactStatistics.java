package io.maas.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/** Exact statistics of recorded values, and the documented bounds a {@link LatencySnapshot} must keep to them. */
final class ExactStatistics {

    // The documented bound: a bucket holding v is narrower than v/128 (BucketsTest checks it for every bucket).
    private static final double BOUND = 1.0 / 128;

    private ExactStatistics() {
    }

    /** Nearest rank: the smallest value with at least p (in thousandths) of the values at or below it. */
    static long percentile(long[] sorted, int perMille) {
        long rank = ((long) sorted.length * perMille + 999) / 1000; // exact ceiling, no overflow below 9e15
        return sorted[(int) Math.max(1, rank) - 1];
    }

    static void assertWithinBound(LatencySnapshot snapshot, long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        assertThat(snapshot.count()).isEqualTo(sorted.length);
        assertUpperBound("p50", snapshot.p50Nanos(), percentile(sorted, 500));
        assertUpperBound("p90", snapshot.p90Nanos(), percentile(sorted, 900));
        assertUpperBound("p99", snapshot.p99Nanos(), percentile(sorted, 990));
        assertUpperBound("p99.9", snapshot.p999Nanos(), percentile(sorted, 999));
        assertUpperBound("max", snapshot.maxNanos(), sorted[sorted.length - 1]);
        long min = sorted[0];
        assertThat(snapshot.minNanos()).as("min").isLessThanOrEqualTo(min).isGreaterThanOrEqualTo(
                (long) Math.floor(min * (1 - BOUND)));
        double mean = Arrays.stream(sorted).asDoubleStream().sum() / sorted.length;
        // The mean uses bucket midpoints: within half a bucket, 1/256 relative.
        assertThat(Math.abs(snapshot.meanNanos() - mean)).as("mean %s against exact %s", snapshot.meanNanos(), mean)
                .isLessThanOrEqualTo(mean * BOUND / 2);
    }

    private static void assertUpperBound(String name, long reported, long exact) {
        assertThat(reported).as("%s: reported %d against exact %d", name, reported, exact)
                .isGreaterThanOrEqualTo(exact)
                .isLessThanOrEqualTo((long) Math.ceil(exact * (1 + BOUND)));
    }
}
