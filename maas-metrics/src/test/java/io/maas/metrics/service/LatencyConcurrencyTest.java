package io.maas.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Four writers record 1,000,000 values each while a reader keeps taking snapshots and moving the clock: nothing is
 * lost or counted twice, and the statistics keep the documented bound.
 */
class LatencyConcurrencyTest {

    private static final int WRITERS = 4;
    private static final int PER_WRITER = 1_000_000;

    @Test
    void four_writers_and_a_reader_lose_nothing() throws Exception {
        ManualClock clock = new ManualClock();
        LatencyRecorder recorder = LatencyRecorder.builder().clock(clock).window(Duration.ofHours(1), 6).build();
        long[][] values = new long[WRITERS][PER_WRITER];
        for (int w = 0; w < WRITERS; w++) {
            SplittableRandom random = new SplittableRandom(100 + w);
            for (int i = 0; i < PER_WRITER; i++) {
                values[w][i] = Math.round(1e6 * Math.exp(random.nextGaussian()));
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> writers = new ArrayList<>();
            for (long[] mine : values) {
                writers.add(threads.submit(() -> {
                    start.await();
                    for (long v : mine) {
                        recorder.record(v);
                    }
                    return null;
                }));
            }
            Future<Long> reader = threads.submit(() -> {
                start.await();
                long snapshots = 0;
                long lastCount = 0;
                while (writing.get()) {
                    if (snapshots < 50) {
                        // A minute per snapshot for the first 50: the 10-minute slices rotate five times, and
                        // nothing can leave the one-hour window however many snapshots the reader manages.
                        clock.advance(Duration.ofMinutes(1));
                    }
                    long count = recorder.sinceStart().count();
                    assertThat(count).isGreaterThanOrEqualTo(lastCount);
                    lastCount = count;
                    snapshots++;
                }
                return snapshots;
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            long snapshots = reader.get(60, TimeUnit.SECONDS);

            long[] all = new long[WRITERS * PER_WRITER];
            for (int w = 0; w < WRITERS; w++) {
                System.arraycopy(values[w], 0, all, w * PER_WRITER, PER_WRITER);
            }
            LatencySnapshot[] both = recorder.recentAndSinceStart();
            assertThat(both[1].count()).isEqualTo((long) WRITERS * PER_WRITER);
            ExactStatistics.assertWithinBound(both[1], all);
            // At most 50 minutes have passed: the window still holds everything, so the slices lost nothing either.
            assertThat(both[0]).isEqualTo(both[1]);
            assertThat(snapshots).isPositive();
        } finally {
            threads.shutdownNow();
        }
    }
}
