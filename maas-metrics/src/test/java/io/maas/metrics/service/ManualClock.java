package io.maas.metrics.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told to, and counts how often it is read. */
final class ManualClock implements LongSupplier {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L); // not 0: nothing may assume the origin is 0
    private final AtomicLong reads = new AtomicLong();

    @Override
    public long getAsLong() {
        reads.incrementAndGet();
        return nanos.get();
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    void advanceNanos(long delta) {
        nanos.addAndGet(delta);
    }

    long reads() {
        return reads.get();
    }
}
