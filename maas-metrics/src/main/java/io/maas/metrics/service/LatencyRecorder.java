package io.maas.metrics.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Records latencies from any number of threads and summarises them since start and over a sliding window.
 *
 * <p><b>Recording.</b> {@link #record(long)} is one atomic increment of one bucket counter: lock-free, wait-free on
 * x86 (a single {@code lock xadd}), allocation-free, and it reads no clock. Buckets are log-linear (see
 * {@link LatencySnapshot} for the resulting error, below 0.78 %). Values above the highest trackable value (one hour
 * unless configured) go to an overflow bucket that stands for that value and is reported as
 * {@link LatencySnapshot#clampedCount()}; negative values are rejected.
 *
 * <p><b>Reading without pausing writers.</b> The live counters only ever grow, so a reader never swaps or resets
 * them: it reads each counter and takes the difference from what it read last time. An increment that lands
 * while a reader is scanning is seen either in this difference or in the next, never twice and never lost; the
 * counts since start are exact once writers are quiet. This avoids the writer-reader phaser (two more atomic
 * operations per value) that swapping interval histograms needs.
 *
 * <p><b>The sliding window.</b> Time is cut into slices of window / slices (10 s by default: 6 slices of a
 * one-minute window), measured on the injected nanosecond clock from construction. Each snapshot first
 * harvests the differences since the previous snapshot into the slice of the current time, then reports the sum
 * of the last {@code slices} slices: the window covers between window - slice and window of history. Because
 * writers read no clock, values are attributed to the slice in which they are harvested: if snapshots are taken
 * at least once per slice (a scrape every 10 s, say) the window is accurate to one slice; if not, everything
 * recorded since the previous snapshot counts as recent.
 *
 * <p>Memory: slices + 3 arrays of one long per bucket, the bucket count growing with the logarithm of the highest
 * trackable value: 4563 buckets (36.5 KB) per array for one hour, 330 KB in all with the default 6 slices.
 * Snapshots are synchronized among themselves (readers queue; writers never wait).
 */
public final class LatencyRecorder {

    private final LongSupplier clock;
    private final Duration window;
    private final long highestTrackable;
    private final int overflow;
    private final AtomicLongArray live;

    // Reader state, guarded by this.
    private final long origin;
    private final long sliceNanos;
    private final BucketCounts sinceStart;
    private final BucketCounts[] slices;
    private final BucketCounts windowSum;
    private long latestSlice;

    private LatencyRecorder(Builder builder) {
        this.clock = builder.clock;
        this.window = builder.window;
        this.highestTrackable = builder.highestTrackable.toNanos();
        this.sinceStart = new BucketCounts(highestTrackable);
        this.overflow = sinceStart.overflowIndex();
        this.live = new AtomicLongArray(overflow + 1);
        this.slices = new BucketCounts[builder.slices];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = new BucketCounts(highestTrackable);
        }
        this.windowSum = new BucketCounts(highestTrackable);
        this.sliceNanos = window.toNanos() / builder.slices;
        this.origin = clock.getAsLong();
    }

    /**
     * Returns a builder with the defaults: highest trackable value 1 hour, a one-minute window of 6 slices, and
     * {@link System#nanoTime()} as the clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records one latency. Thread-safe, lock-free and allocation-free; reads no clock.
     *
     * @param nanos the latency in nanoseconds, &ge; 0; values above the highest trackable value count as that value
     * @throws IllegalArgumentException if {@code nanos} is negative (a clock used out of order)
     */
    public void record(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("latency must be >= 0 ns but was " + nanos
                    + "; measure with a monotonic clock such as System.nanoTime(), end minus start");
        }
        live.getAndIncrement(BucketCounts.bucketOf(nanos, highestTrackable, overflow));
    }

    /**
     * Returns the statistics of every value recorded since construction.
     *
     * @return the snapshot since start
     */
    public synchronized LatencySnapshot sinceStart() {
        harvest();
        return sinceStart.summarize();
    }

    /**
     * Returns the statistics of the values recorded in the sliding window ending now (see the class comment for
     * how values are attributed to slices).
     *
     * @return the snapshot of the window
     */
    public synchronized LatencySnapshot recent() {
        harvest();
        return windowSnapshot();
    }

    /** Both snapshots from one harvest, so that they agree with each other. */
    synchronized LatencySnapshot[] recentAndSinceStart() {
        harvest();
        return new LatencySnapshot[] {windowSnapshot(), sinceStart.summarize()};
    }

    /**
     * Returns the length of the sliding window.
     *
     * @return the window, as configured
     */
    public Duration window() {
        return window;
    }

    /**
     * Returns the highest latency recorded as itself; larger ones are clamped to it.
     *
     * @return the highest trackable latency
     */
    public Duration highestTrackable() {
        return Duration.ofNanos(highestTrackable);
    }

    private LatencySnapshot windowSnapshot() {
        windowSum.clear();
        for (BucketCounts slice : slices) {
            windowSum.add(slice);
        }
        return windowSum.summarize();
    }

    private void harvest() {
        long slice = Math.max(latestSlice, Math.floorDiv(clock.getAsLong() - origin, sliceNanos));
        if (slice - latestSlice >= slices.length) {
            for (BucketCounts stale : slices) {
                stale.clear();
            }
        } else {
            for (long s = latestSlice + 1; s <= slice; s++) {
                slices[(int) (s % slices.length)].clear();
            }
        }
        latestSlice = slice;
        long[] current = slices[(int) (slice % slices.length)].counts;
        long[] seen = sinceStart.counts;
        for (int i = 0; i < seen.length; i++) {
            long now = live.get(i);
            long delta = now - seen[i];
            if (delta != 0) {
                current[i] += delta;
                seen[i] = now;
            }
        }
    }

    /** Configures a {@link LatencyRecorder}; reusable, not thread-safe. */
    public static final class Builder {

        /** The most slices a window may have; more would cost memory for no useful resolution. */
        public static final int MAX_SLICES = 100;

        private Duration highestTrackable = Duration.ofHours(1);
        private Duration window = Duration.ofMinutes(1);
        private int slices = 6;
        private LongSupplier clock = System::nanoTime;

        private Builder() {
        }

        /**
         * Sets the highest latency recorded as itself; larger latencies are counted as this value and in
         * {@link LatencySnapshot#clampedCount()}. Memory grows with its logarithm.
         *
         * @param highest the highest trackable latency, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if {@code highest} is not positive
         */
        public Builder highestTrackable(Duration highest) {
            Objects.requireNonNull(highest, "highest");
            if (highest.isNegative() || highest.isZero()) {
                throw new IllegalArgumentException("highestTrackable must be > 0 but was " + highest);
            }
            this.highestTrackable = highest.compareTo(Duration.ofNanos(Long.MAX_VALUE)) > 0
                    ? Duration.ofNanos(Long.MAX_VALUE) : highest;
            return this;
        }

        /**
         * Sets the sliding window and the number of slices it is cut into; the window moves one slice at a time.
         *
         * @param length the window length, at least {@code slices} nanoseconds and at most about 292 years
         * @param count  the number of slices, in [1, {@value #MAX_SLICES}]
         * @return this builder
         * @throws IllegalArgumentException if the count is out of range or the window too short or too long
         */
        public Builder window(Duration length, int count) {
            Objects.requireNonNull(length, "length");
            if (count < 1 || count > MAX_SLICES) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "slices must be in [1, %d] but was %d", MAX_SLICES, count));
            }
            if (length.compareTo(Duration.ofNanos(count)) < 0
                    || length.compareTo(Duration.ofNanos(Long.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "window must be at least one nanosecond per slice (%d ns) and at most %d ns but was %s",
                        count, Long.MAX_VALUE, length));
            }
            this.window = length;
            this.slices = count;
            return this;
        }

        /**
         * Sets the clock that places snapshots in time: a monotonic source of nanoseconds such as
         * {@link System#nanoTime()}. Tests pass a manual clock to move windows without sleeping.
         *
         * @param nanoClock the clock, read once at construction and once per snapshot, never when recording
         * @return this builder
         */
        public Builder clock(LongSupplier nanoClock) {
            this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /**
         * Builds a recorder with the current settings, starting its clock now.
         *
         * @return a new, empty recorder
         */
        public LatencyRecorder build() {
            return new LatencyRecorder(this);
        }
    }
}
