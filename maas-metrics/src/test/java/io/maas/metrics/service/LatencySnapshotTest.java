package io.maas.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySnapshotTest {

    @Test
    void renders_in_milliseconds_for_logs() {
        assertThat(new LatencySnapshot(1200, 1_201_000.4, 900_000, 1_100_000, 2_000_000, 5_000_000, 9_000_000,
                12_000_000, 0).toString())
                .isEqualTo("n=1200 mean=1.201ms min=0.900ms p50=1.100ms p90=2.000ms p99=5.000ms p99.9=9.000ms"
                        + " max=12.000ms clamped=0");
    }

    @Test
    void statistics_out_of_order_are_refused() {
        assertThatThrownBy(() -> new LatencySnapshot(2, 5, 1, 10, 9, 10, 10, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be ordered 0 <= min <= p50 <= p90")
                .hasMessageContaining("p50=10 p90=9");
        assertThatThrownBy(() -> new LatencySnapshot(2, 50, 1, 1, 1, 1, 1, 10, 0))
                .hasMessageContaining("with the mean in [min, max]");
        assertThatThrownBy(() -> new LatencySnapshot(2, Double.NaN, 1, 1, 1, 1, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void counts_must_be_consistent() {
        assertThatThrownBy(() -> new LatencySnapshot(-1, 0, 0, 0, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count must be >= 0 and clampedCount in [0, count] but were -1 and 0");
        assertThatThrownBy(() -> new LatencySnapshot(1, 5, 5, 5, 5, 5, 5, 5, 2))
                .hasMessageContaining("but were 1 and 2");
        assertThatThrownBy(() -> new LatencySnapshot(0, 0, 0, 0, 0, 0, 0, 7, 0))
                .hasMessageContaining("all 0 for no values");
    }
}
