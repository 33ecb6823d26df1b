package io.maas.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fixed split of the rows and the helper threads that run its ranges. */
class RowTasksTest {

    @Test
    void small_passes_stay_on_the_calling_thread_and_large_ones_split_by_shape_only() {
        assertThat(RowTasks.ofLinearPass(26_000, 10).count()).isEqualTo(1);
        assertThat(RowTasks.ofLinearPass(0, 10).count()).isEqualTo(1);
        assertThat(RowTasks.ofLinearPass(1, 1_000_000).count()).isEqualTo(1);
        assertThat(RowTasks.ofLinearPass(3, 1_000_000).count()).isEqualTo(3);
        assertThat(RowTasks.ofLinearPass(26_215, 10).count()).isEqualTo(4);
        assertThat(RowTasks.ofLinearPass(100_000, 10).count()).isEqualTo(15);
        assertThat(RowTasks.ofLinearPass(1_000_000, 20).count()).isEqualTo(RowTasks.MAX_TASKS);
    }

    @Test
    void a_crew_runs_every_range_once_per_pass_rethrows_a_failure_and_ends_its_threads_on_close() {
        RowTasks tasks = new RowTasks(1_000, 16);
        AtomicInteger[] runs = new AtomicInteger[16];
        for (int t = 0; t < runs.length; t++) {
            runs[t] = new AtomicInteger();
        }

        try (RowTasks.Crew crew = tasks.crew(3)) {
            assertThat(crew.helpers()).isEqualTo(2);
            // Many short passes: a lost wake-up between the owner and the helpers would hang here.
            for (int pass = 0; pass < 2_000; pass++) {
                crew.forEach(t -> runs[t].incrementAndGet());
            }
            assertThatThrownBy(() -> crew.forEach(t -> {
                if (t == 7) {
                    throw new IllegalStateException("range 7 failed");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("range 7 failed");
            crew.forEach(t -> runs[t].incrementAndGet());
        }

        for (AtomicInteger count : runs) {
            assertThat(count.get()).isEqualTo(2_001);
        }
        Set<Thread> alive = Thread.getAllStackTraces().keySet();
        assertThat(alive).noneMatch(thread -> thread.getName().startsWith("maas-solver-"));
    }

    @Test
    void one_thread_or_one_range_starts_no_helper() {
        try (RowTasks.Crew one = new RowTasks(1_000, 16).crew(1);
             RowTasks.Crew single = new RowTasks(1_000, 1).crew(8)) {
            assertThat(one.helpers()).isZero();
            assertThat(single.helpers()).isZero();
        }
    }
}
