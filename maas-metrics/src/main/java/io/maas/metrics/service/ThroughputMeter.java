package io.maas.metrics.service;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts events from any number of threads and reports their total, their mean rate and a recent rate.
 *
 * <p>{@link #mark()} is one atomic increment: lock-free, allocation-free, and it reads no clock. The rates are
 * computed when a {@link #snapshot()} is taken, from the injected nanosecond clock:
 * <ul>
 *   <li>the mean rate is count / seconds since construction;</li>
 *   <li>the one-minute rate is an exponentially weighted moving average with a time constant τ of 60 s. There is no
 *       fixed tick: each snapshot decays it for the exact time Δt since the previous snapshot and blends in the rate
 *       of the events counted in between, {@code r ← r + (1 - e^(-Δt/τ))·(n/Δt - r)}. With snapshots every 5 s this
 *       is the update of the Unix load average and of Dropwizard Metrics' one-minute rate (which, unlike this
 *       one, starts at its first interval's rate instead of 0); for a steady rate R the
 *       result is {@code R·(1 - e^(-t/τ))} at time t however often snapshots are taken (63 % of R after a minute,
 *       95 % after three). Events between two snapshots are taken as spread evenly over that time.</li>
 * </ul>
 * Snapshots are synchronized among themselves; writers never wait. The rate starts at 0.
 */
public final class ThroughputMeter {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double TIME_CONSTANT_NANOS = 60 * NANOS_PER_SECOND;

    private final LongSupplier clock;
    private final long start;
    private final AtomicLong count = new AtomicLong();

    // Reader state, guarded by this.
    private long lastTime;
    private long lastCount;
    private double rate;

    private ThroughputMeter(LongSupplier clock) {
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastTime = start;
    }

    /**
     * Creates a meter on {@link System#nanoTime()}.
     *
     * @return a new meter with a count of 0
     */
    public static ThroughputMeter create() {
        return create(System::nanoTime);
    }

    /**
     * Creates a meter on the given clock, read now and at each snapshot.
     *
     * @param nanoClock a monotonic source of nanoseconds; tests pass a manual clock
     * @return a new meter with a count of 0
     */
    public static ThroughputMeter create(LongSupplier nanoClock) {
        return new ThroughputMeter(Objects.requireNonNull(nanoClock, "nanoClock"));
    }

    /** Counts one event. Thread-safe, lock-free and allocation-free. */
    public void mark() {
        count.incrementAndGet();
    }

    /**
     * Counts several events at once.
     *
     * @param events the number of events, &ge; 0
     * @throws IllegalArgumentException if {@code events} is negative
     */
    public void mark(long events) {
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0 but was " + events);
        }
        count.addAndGet(events);
    }

    /**
     * Returns the number of events counted so far.
     *
     * @return the count, &ge; 0
     */
    public long count() {
        return count.get();
    }

    /**
     * Returns the count and rates now, updating the one-minute rate for the time since the previous snapshot.
     *
     * @return the throughput snapshot
     */
    public synchronized ThroughputSnapshot snapshot() {
        long now = clock.getAsLong();
        long total = count.get();
        long elapsed = now - lastTime;
        if (elapsed > 0) {
            double alpha = -Math.expm1(-elapsed / TIME_CONSTANT_NANOS);
            double instant = (total - lastCount) / (elapsed / NANOS_PER_SECOND);
            rate += alpha * (instant - rate);
            lastTime = now;
            lastCount = total;
        }
        double seconds = (now - start) / NANOS_PER_SECOND;
        return new ThroughputSnapshot(total, seconds > 0 ? total / seconds : 0.0, Math.max(rate, 0.0));
    }
}
