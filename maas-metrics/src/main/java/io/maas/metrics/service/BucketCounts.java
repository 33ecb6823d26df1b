package io.maas.metrics.service;

import java.util.Arrays;

/**
 * Counts per bucket, up to a highest trackable value, plus one overflow bucket for the values above it, and the
 * summary statistics they give. Reader-side only: mutable, not thread-safe, owned by one {@link LatencyRecorder}.
 *
 * <p>Statistics stand each bucket for its values: a percentile is the largest value of the bucket holding the
 * nearest-rank value, the minimum the smallest value of the lowest bucket, the maximum the largest value of the
 * highest bucket, the mean uses each bucket's midpoint. No bucket reaches above the highest trackable value, and the
 * overflow bucket stands for exactly that value.
 */
final class BucketCounts {

    private static final int[] PER_MILLE = {500, 900, 990, 999};

    final long[] counts;
    private final long highestTrackable;
    private final int overflow;

    BucketCounts(long highestTrackable) {
        this.highestTrackable = highestTrackable;
        this.overflow = Buckets.index(highestTrackable) + 1;
        this.counts = new long[overflow + 1];
    }

    /** The bucket a recorded value goes to: its own, or the overflow bucket above the highest trackable value. */
    static int bucketOf(long value, long highestTrackable, int overflow) {
        return value > highestTrackable ? overflow : Buckets.index(value);
    }

    int overflowIndex() {
        return overflow;
    }

    void clear() {
        Arrays.fill(counts, 0);
    }

    void add(BucketCounts other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    LatencySnapshot summarize() {
        long count = 0;
        double total = 0.0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < counts.length; i++) {
            long c = counts[i];
            if (c != 0) {
                count += c;
                total += c * midpoint(i);
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (count == 0) {
            return LatencySnapshot.EMPTY;
        }
        long[] percentiles = new long[PER_MILLE.length];
        long cumulative = 0;
        int next = 0;
        for (int i = first; i <= last && next < percentiles.length; i++) {
            cumulative += counts[i];
            while (next < percentiles.length && cumulative >= rank(count, PER_MILLE[next])) {
                percentiles[next++] = highest(i);
            }
        }
        double mean = Math.min(Math.max(total / count, lowest(first)), highest(last));
        return new LatencySnapshot(count, mean, lowest(first), percentiles[0], percentiles[1], percentiles[2],
                percentiles[3], highest(last), counts[overflow]);
    }

    /** The nearest rank ⌈n·p⌉ (at least 1) for p in thousandths, in exact integer arithmetic for any n. */
    static long rank(long n, int perMille) {
        long whole = n / 1000 * perMille;
        long part = (n % 1000 * perMille + 999) / 1000;
        return Math.max(1, whole + part);
    }

    private long lowest(int index) {
        return index == overflow ? highestTrackable : Buckets.lowest(index);
    }

    private long highest(int index) {
        return index == overflow ? highestTrackable : Math.min(Buckets.highest(index), highestTrackable);
    }

    private double midpoint(int index) {
        return (lowest(index) / 2.0) + (highest(index) / 2.0);
    }
}
