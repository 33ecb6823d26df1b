package io.maas.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {

    private final ManualClock clock = new ManualClock();
    private final ServiceMetrics metrics = ServiceMetrics.builder().clock(clock).build();

    @Test
    void a_timed_call_records_its_latency_and_counts_a_request() {
        String result = metrics.time(() -> {
            clock.advance(Duration.ofMillis(3));
            return "done";
        });

        ServiceSnapshot snapshot = metrics.snapshot();
        assertThat(result).isEqualTo("done");
        assertThat(snapshot.requests().count()).isEqualTo(1);
        assertThat(snapshot.failures()).isZero();
        // 3 ms = 3,000,000 ns lies in bucket [2998272, 3014655]
        assertThat(snapshot.latencySinceStart().maxNanos()).isEqualTo(3_014_655);
        assertThat(snapshot.recentLatency().count()).isEqualTo(1);
    }

    @Test
    void a_failing_call_is_counted_timed_and_its_exception_rethrown_unchanged() {
        IllegalStateException failure = new IllegalStateException("model not loaded");

        assertThatThrownBy(() -> metrics.time(() -> {
            clock.advance(Duration.ofMillis(1));
            throw failure;
        })).isSameAs(failure);
        AssertionError error = new AssertionError("bug");
        assertThatThrownBy(() -> metrics.time((Runnable) () -> {
            throw error;
        })).isSameAs(error);

        ServiceSnapshot snapshot = metrics.snapshot();
        assertThat(snapshot.requests().count()).isEqualTo(2);
        assertThat(snapshot.failures()).isEqualTo(2);
        assertThat(snapshot.latencySinceStart().count()).isEqualTo(2);
    }

    @Test
    void a_checked_exception_thrown_sneakily_is_counted_and_rethrown_unchanged() {
        Exception checked = new java.io.IOException("disk");

        assertThatThrownBy(() -> metrics.time(() -> sneakyThrow(checked))).isSameAs(checked);

        assertThat(metrics.snapshot().failures()).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> Object sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void a_runnable_is_timed_like_a_supplier() {
        metrics.time(() -> clock.advance(Duration.ofNanos(200)));

        assertThat(metrics.snapshot().latencySinceStart().p50Nanos()).isEqualTo(200);
    }

    @Test
    void latencies_measured_elsewhere_are_recorded_with_their_outcome() {
        metrics.record(1_000, Outcome.SUCCESS);
        metrics.record(2_000, Outcome.FAILURE);

        ServiceSnapshot snapshot = metrics.snapshot();
        assertThat(snapshot.requests().count()).isEqualTo(2);
        assertThat(snapshot.failures()).isEqualTo(1);
    }

    @Test
    void a_negative_latency_is_refused_and_nothing_is_counted() {
        assertThatThrownBy(() -> metrics.record(-5, Outcome.FAILURE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency must be >= 0 ns but was -5");

        ServiceSnapshot snapshot = metrics.snapshot();
        assertThat(snapshot.requests().count()).isZero();
        assertThat(snapshot.failures()).isZero();
    }

    @Test
    void a_clock_stepping_back_during_a_call_records_zero_rather_than_hiding_the_call() {
        assertThat(metrics.time(() -> {
            clock.advanceNanos(-10);
            return 1;
        })).isEqualTo(1);

        assertThat(metrics.snapshot().latencySinceStart().maxNanos()).isZero();
    }

    @Test
    void the_snapshot_renders_as_one_log_line() {
        ServiceMetrics metrics = ServiceMetrics.builder().clock(clock).window(Duration.ofSeconds(30), 3)
                .highestTrackable(Duration.ofSeconds(10)).build();
        for (int i = 0; i < 100; i++) {
            metrics.record(200, Outcome.SUCCESS);
        }
        metrics.record(20_000_000_000L, Outcome.FAILURE);
        clock.advance(Duration.ofSeconds(10));

        // 101 requests in 10 s: mean 10.1/s, one-minute rate 10.1·(1 - e^(-10/60)) = 1.5506/s; the 20 s latency is
        // clamped to 10 s, so the mean is (100·200 ns + 10 s) / 101 = 99.0099 ms and p99.9 (rank 101) is 10 s.
        assertThat(metrics.snapshot().toString()).isEqualTo("requests=101 failures=1 rate1m=1.55/s mean=10.10/s"
                + " | last 30s: n=101 mean=99.010ms min=0.000ms p50=0.000ms p90=0.000ms p99=0.000ms p99.9=10000.000ms"
                + " max=10000.000ms clamped=1"
                + " | since start: n=101 mean=99.010ms min=0.000ms p50=0.000ms p90=0.000ms p99=0.000ms"
                + " p99.9=10000.000ms max=10000.000ms clamped=1");
    }
}
