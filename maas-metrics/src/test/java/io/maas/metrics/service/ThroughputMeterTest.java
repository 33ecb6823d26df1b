package io.maas.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThroughputMeterTest {

    private final ManualClock clock = new ManualClock();
    private final ThroughputMeter meter = ThroughputMeter.create(clock);

    @Test
    void a_new_meter_reports_zero() {
        assertThat(meter.snapshot()).isEqualTo(new ThroughputSnapshot(0, 0.0, 0.0));
    }

    @Test
    void one_snapshot_after_five_seconds_is_one_ewma_step() {
        for (int i = 0; i < 300; i++) {
            meter.mark();
        }
        clock.advance(Duration.ofSeconds(5));

        ThroughputSnapshot snapshot = meter.snapshot();

        // 300 events in 5 s: 60/s, blended from 0 with alpha = 1 - e^(-5/60).
        assertThat(snapshot.count()).isEqualTo(300);
        assertThat(snapshot.meanRate()).isEqualTo(60.0);
        assertThat(snapshot.oneMinuteRate()).isCloseTo(60 * (1 - Math.exp(-5.0 / 60)), within(1e-12));
    }

    @Test
    void a_steady_rate_gives_the_same_estimate_however_often_it_is_read() {
        ThroughputMeter readOften = ThroughputMeter.create(clock);
        ThroughputMeter readOnce = ThroughputMeter.create(clock);

        for (int second = 0; second < 60; second++) {
            readOften.mark(10);
            readOnce.mark(10);
            clock.advance(Duration.ofSeconds(1));
            readOften.snapshot();
        }

        // 10/s for one time constant: 10·(1 - 1/e) ≈ 6.32 either way (rounding only: 1e-12).
        double expected = 10 * (1 - Math.exp(-1));
        assertThat(readOften.snapshot().oneMinuteRate()).isCloseTo(expected, within(1e-12));
        assertThat(readOnce.snapshot().oneMinuteRate()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void the_rate_decays_when_events_stop() {
        meter.mark(600);
        clock.advance(Duration.ofSeconds(60));
        double atOneMinute = meter.snapshot().oneMinuteRate();

        clock.advance(Duration.ofSeconds(60));
        ThroughputSnapshot later = meter.snapshot();

        // No events for one time constant: the rate falls by e; the mean rate halves.
        assertThat(later.oneMinuteRate()).isCloseTo(atOneMinute * Math.exp(-1), within(1e-12));
        assertThat(later.meanRate()).isEqualTo(5.0);
        assertThat(later.count()).isEqualTo(600);
    }

    @Test
    void snapshots_at_the_same_instant_change_nothing() {
        meter.mark(10);
        clock.advance(Duration.ofSeconds(1));
        ThroughputSnapshot first = meter.snapshot();

        meter.mark(10);

        ThroughputSnapshot second = meter.snapshot();
        assertThat(second.oneMinuteRate()).isEqualTo(first.oneMinuteRate());
        assertThat(second.count()).isEqualTo(20);
    }

    @Test
    void marking_reads_no_clock_and_negative_counts_are_refused() {
        long reads = clock.reads();
        meter.mark();
        meter.mark(5);

        assertThat(clock.reads()).isEqualTo(reads);
        assertThat(meter.count()).isEqualTo(6);
        assertThatThrownBy(() -> meter.mark(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events must be >= 0 but was -1");
    }

    @Test
    void snapshot_values_are_checked_and_render_for_logs() {
        assertThat(new ThroughputSnapshot(1200, 20.0, 19.8).toString())
                .isEqualTo("count=1200 rate1m=19.80/s mean=20.00/s");
        assertThatThrownBy(() -> new ThroughputSnapshot(1, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count and rates must be >= 0 and finite but were 1, NaN and 0.0");
        assertThatThrownBy(() -> new ThroughputSnapshot(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThroughputSnapshot(1, 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
