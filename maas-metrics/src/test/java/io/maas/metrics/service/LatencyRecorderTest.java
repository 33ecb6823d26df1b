package io.maas.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    private final ManualClock clock = new ManualClock();
    private final LatencyRecorder recorder = LatencyRecorder.builder().clock(clock).build();

    @Nested
    class Statistics {

        @Test
        void nothing_recorded_gives_the_empty_snapshot() {
            assertThat(recorder.sinceStart()).isEqualTo(LatencySnapshot.EMPTY);
            assertThat(recorder.recent()).isEqualTo(LatencySnapshot.EMPTY);
        }

        @Test
        void small_values_are_exact_with_nearest_rank_percentiles() {
            for (long v = 1; v <= 100; v++) {
                recorder.record(v);
            }

            assertThat(recorder.sinceStart())
                    .isEqualTo(new LatencySnapshot(100, 50.5, 1, 50, 90, 99, 100, 100, 0));
        }

        @Test
        void one_value_is_every_statistic() {
            recorder.record(0);

            assertThat(recorder.sinceStart()).isEqualTo(new LatencySnapshot(1, 0.0, 0, 0, 0, 0, 0, 0, 0));
        }

        @Test
        void a_large_value_is_reported_as_the_top_of_its_bucket() {
            recorder.record(1_000_000); // bucket [999424, 1003519]: width 4096

            LatencySnapshot snapshot = recorder.sinceStart();

            assertThat(snapshot.minNanos()).isEqualTo(999_424);
            assertThat(snapshot.p50Nanos()).isEqualTo(1_003_519);
            assertThat(snapshot.maxNanos()).isEqualTo(1_003_519);
            assertThat(snapshot.meanNanos()).isEqualTo(1_001_471.5);
        }

        @Test
        void values_above_the_highest_trackable_value_are_clamped_and_counted() {
            LatencyRecorder small = LatencyRecorder.builder().clock(clock)
                    .highestTrackable(Duration.ofMillis(1)).build();
            small.record(500_000);
            small.record(5_000_000);
            small.record(Long.MAX_VALUE);

            LatencySnapshot snapshot = small.sinceStart();

            assertThat(snapshot.count()).isEqualTo(3);
            assertThat(snapshot.clampedCount()).isEqualTo(2);
            assertThat(snapshot.maxNanos()).isEqualTo(1_000_000);
            assertThat(snapshot.p50Nanos()).isEqualTo(1_000_000);
            assertThat(small.highestTrackable()).isEqualTo(Duration.ofMillis(1));
        }

        @Test
        void a_bucket_straddling_the_highest_trackable_value_never_reports_above_it() {
            LatencyRecorder small = LatencyRecorder.builder().clock(clock)
                    .highestTrackable(Duration.ofNanos(1_000_000)).build();
            small.record(999_999); // its bucket reaches 1,003,519

            LatencySnapshot snapshot = small.sinceStart();

            assertThat(snapshot.maxNanos()).isEqualTo(1_000_000);
            assertThat(snapshot.meanNanos()).isLessThanOrEqualTo(1_000_000);
            assertThat(snapshot.clampedCount()).isZero();
        }

        @Test
        void negative_latencies_are_refused_and_not_counted() {
            assertThatThrownBy(() -> recorder.record(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("latency must be >= 0 ns but was -1");

            assertThat(recorder.sinceStart().count()).isZero();
        }

        @Test
        void recording_reads_no_clock() {
            long readsBefore = clock.reads();

            for (int i = 0; i < 1000; i++) {
                recorder.record(i);
            }

            assertThat(clock.reads()).isEqualTo(readsBefore);
        }
    }

    @Nested
    class SlidingWindow {

        // Defaults: a 60 s window of 6 slices of 10 s.

        @Test
        void values_leave_the_window_once_their_slice_is_older_than_the_window() {
            recorder.record(100);
            assertThat(recorder.recent().count()).isEqualTo(1); // harvested into slice 0

            clock.advance(Duration.ofSeconds(30));
            recorder.record(200);
            assertThat(recorder.recent().count()).isEqualTo(2); // slice 3

            clock.advance(Duration.ofSeconds(30)); // t = 60 s: slice 6, slices 1..6 in the window
            LatencySnapshot recent = recorder.recent();
            assertThat(recent.count()).isEqualTo(1);
            assertThat(recent.minNanos()).isEqualTo(200);

            clock.advance(Duration.ofSeconds(30)); // t = 90 s: slice 9, slices 4..9
            assertThat(recorder.recent()).isEqualTo(LatencySnapshot.EMPTY);
            assertThat(recorder.sinceStart().count()).isEqualTo(2);
        }

        @Test
        void the_window_moves_one_slice_at_a_time() {
            recorder.record(100);
            recorder.recent();

            clock.advance(Duration.ofSeconds(59).plusNanos(999_999_999)); // still slice 5
            assertThat(recorder.recent().count()).isEqualTo(1);

            clock.advanceNanos(1); // slice 6: slice 0 leaves
            assertThat(recorder.recent().count()).isZero();
        }

        @Test
        void values_not_harvested_by_a_snapshot_count_as_recorded_when_harvested() {
            recorder.record(100);
            clock.advance(Duration.ofMinutes(5));
            recorder.record(200);

            // Writers read no clock: both values are first seen now, so both count as recent.
            assertThat(recorder.recent().count()).isEqualTo(2);
        }

        @Test
        void a_gap_longer_than_the_window_empties_it() {
            recorder.record(100);
            recorder.recent();

            clock.advance(Duration.ofHours(2));

            assertThat(recorder.recent()).isEqualTo(LatencySnapshot.EMPTY);
            assertThat(recorder.sinceStart().count()).isEqualTo(1);
        }

        @Test
        void a_clock_going_backwards_keeps_the_latest_slice() {
            clock.advance(Duration.ofSeconds(30));
            recorder.record(100);
            recorder.recent();

            clock.advance(Duration.ofSeconds(-25));
            recorder.record(200);

            assertThat(recorder.recent().count()).isEqualTo(2);
        }

        @Test
        void a_custom_window_has_its_own_slices() {
            LatencyRecorder recorder = LatencyRecorder.builder().clock(clock).window(Duration.ofSeconds(10), 2).build();
            recorder.record(100);
            recorder.recent();

            clock.advance(Duration.ofSeconds(5));
            recorder.record(200);
            assertThat(recorder.recent().count()).isEqualTo(2);

            clock.advance(Duration.ofSeconds(5));
            assertThat(recorder.recent().count()).isEqualTo(1);
            assertThat(recorder.window()).isEqualTo(Duration.ofSeconds(10));
        }

        @Test
        void recent_and_since_start_agree_before_anything_leaves_the_window() {
            for (int i = 0; i < 1000; i++) {
                recorder.record(i * 1000L);
                if (i % 100 == 0) {
                    clock.advance(Duration.ofSeconds(1));
                }
            }

            LatencySnapshot[] both = recorder.recentAndSinceStart();

            assertThat(both[0]).isEqualTo(both[1]);
        }
    }

    @Nested
    class Configuration {

        @Test
        void bad_settings_are_refused_with_the_value() {
            LatencyRecorder.Builder builder = LatencyRecorder.builder();

            assertThatThrownBy(() -> builder.highestTrackable(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("highestTrackable must be > 0 but was PT0S");
            assertThatThrownBy(() -> builder.window(Duration.ofMinutes(1), 0))
                    .hasMessageContaining("slices must be in [1, 100] but was 0");
            assertThatThrownBy(() -> builder.window(Duration.ofMinutes(1), 101))
                    .hasMessageContaining("but was 101");
            assertThatThrownBy(() -> builder.window(Duration.ofNanos(5), 6))
                    .hasMessageContaining("window must be at least one nanosecond per slice (6 ns)");
            assertThatThrownBy(() -> builder.window(Duration.ofDays(365L * 1000), 6))
                    .hasMessageContaining("but was PT8760000H");
            assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void a_highest_trackable_value_beyond_long_nanos_is_capped() {
            LatencyRecorder huge = LatencyRecorder.builder().highestTrackable(Duration.ofDays(365L * 1000)).build();

            huge.record(Long.MAX_VALUE);

            assertThat(huge.highestTrackable()).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
            assertThat(huge.sinceStart().clampedCount()).isZero();
        }
    }
}
