package io.maas.metrics.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The health of one service operation (one endpoint, one model): every request's latency, the request count and
 * rate, and the failures, as a {@link LatencyRecorder}, a {@link ThroughputMeter} and a failure counter on one
 * clock.
 *
 * <p>Time a call with {@link #time(Supplier)} or {@link #time(Runnable)}, or measure it yourself (an asynchronous
 * call, say) and report it with {@link #record(long, Outcome)}. Every request counts, and its latency is recorded,
 * whether it succeeds or fails; a failure is also counted as such. For example:
 * <pre>{@code
 * ServiceMetrics predictions = ServiceMetrics.builder().build();
 * double y = predictions.time(() -> model.predict(row));
 * ...
 * String body = PrometheusText.forService("maas_predict", "Predictions served").add(predictions.snapshot()).render();
 * }</pre>
 *
 * <p>Thread-safe. Recording is lock-free and allocation-free (three atomic increments at most, and two clock reads
 * for {@code time}); snapshots are synchronized among themselves and never pause recording.
 */
public final class ServiceMetrics {

    private final LongSupplier clock;
    private final LatencyRecorder latency;
    private final ThroughputMeter requests;
    private final AtomicLong failures = new AtomicLong();

    private ServiceMetrics(Builder builder) {
        this.clock = builder.clock;
        this.latency = builder.latency.clock(builder.clock).build();
        this.requests = ThroughputMeter.create(builder.clock);
    }

    /**
     * Returns a builder with the defaults of {@link LatencyRecorder#builder()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Calls {@code call}, records its latency and counts it as a request, and as a failure if it throws; what it
     * throws is rethrown unchanged.
     *
     * @param call the call to time
     * @param <T>  the type of its result
     * @return what the call returned
     */
    public <T> T time(Supplier<T> call) {
        Objects.requireNonNull(call, "call");
        long start = clock.getAsLong();
        try {
            T result = call.get();
            record(elapsedSince(start), Outcome.SUCCESS);
            return result;
        } catch (Throwable failure) {
            // Throwable, rethrown precisely: also counts checked exceptions thrown sneakily through the call.
            record(elapsedSince(start), Outcome.FAILURE);
            throw failure;
        }
    }

    /**
     * Runs {@code call}, records its latency and counts it as a request, and as a failure if it throws; what it
     * throws is rethrown unchanged.
     *
     * @param call the call to time
     */
    public void time(Runnable call) {
        Objects.requireNonNull(call, "call");
        long start = clock.getAsLong();
        try {
            call.run();
            record(elapsedSince(start), Outcome.SUCCESS);
        } catch (Throwable failure) {
            // Throwable, rethrown precisely: also counts checked exceptions thrown sneakily through the call.
            record(elapsedSince(start), Outcome.FAILURE);
            throw failure;
        }
    }

    /**
     * Records a request measured by the caller. Thread-safe, lock-free and allocation-free.
     *
     * @param nanos   its latency in nanoseconds, &ge; 0
     * @param outcome whether it succeeded
     * @throws IllegalArgumentException if {@code nanos} is negative; nothing is counted then
     */
    public void record(long nanos, Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        latency.record(nanos);
        requests.mark();
        if (outcome == Outcome.FAILURE) {
            failures.incrementAndGet();
        }
    }

    /**
     * Returns the counts, rates and latencies now.
     *
     * @return the snapshot
     */
    public ServiceSnapshot snapshot() {
        LatencySnapshot[] latencies = latency.recentAndSinceStart();
        ThroughputSnapshot throughput = requests.snapshot();
        return new ServiceSnapshot(throughput, failures.get(), latency.window(), latencies[0], latencies[1]);
    }

    private long elapsedSince(long start) {
        // Never negative, so that recording cannot fail and hide the call's own exception.
        return Math.max(0, clock.getAsLong() - start);
    }

    /** Configures {@link ServiceMetrics}: the latency recorder's settings and the clock. Not thread-safe. */
    public static final class Builder {

        private final LatencyRecorder.Builder latency = LatencyRecorder.builder();
        private LongSupplier clock = System::nanoTime;

        private Builder() {
        }

        /**
         * Sets the highest latency recorded as itself; see {@link LatencyRecorder.Builder#highestTrackable}.
         *
         * @param highest the highest trackable latency, &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if {@code highest} is not positive
         */
        public Builder highestTrackable(Duration highest) {
            latency.highestTrackable(highest);
            return this;
        }

        /**
         * Sets the sliding latency window; see {@link LatencyRecorder.Builder#window}.
         *
         * @param length the window length
         * @param count  the number of slices
         * @return this builder
         * @throws IllegalArgumentException if the count is out of range or the window too short or too long
         */
        public Builder window(Duration length, int count) {
            latency.window(length, count);
            return this;
        }

        /**
         * Sets the clock that times calls and places snapshots in time.
         *
         * @param nanoClock a monotonic source of nanoseconds such as {@link System#nanoTime()}
         * @return this builder
         */
        public Builder clock(LongSupplier nanoClock) {
            this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /**
         * Builds the metrics, starting the clock now.
         *
         * @return new metrics with no requests
         */
        public ServiceMetrics build() {
            return new ServiceMetrics(this);
        }
    }
}
