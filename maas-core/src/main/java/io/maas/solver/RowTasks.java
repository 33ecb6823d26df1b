package io.maas.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * A fixed split of n rows into contiguous ranges, and a way to run one task per range on a few threads.
 *
 * <p>The split depends only on the shape of the problem (rows and columns), never on the number of threads or their
 * timing, and {@link #run} returns the results in range order, so a caller that merges them in that order gets the
 * same answer to the bit with 1 thread or 64. Threads are started for one call ({@link #run}) or for the passes of one
 * fit ({@link #crew}) and have ended when it returns or the crew is closed; nothing is shared between fits and no
 * global pool is used.
 *
 * @param rows  n, the number of rows split
 * @param count the number of ranges, 1 &le; count &le; max(1, n)
 */
record RowTasks(int rows, int count) {

    /** At most this many ranges: enough to balance 2-32 threads, few enough to keep merging cheap. */
    static final int MAX_TASKS = 32;

    /** Each range does at least about this many multiply-adds in the Gram kernel, or threads do not pay off. */
    private static final long MIN_WORK = 1L << 22;

    /**
     * A linear pass (a few operations per value of the matrix, {@link #ofLinearPass}) is split only from this many
     * values on: 2^18, 2 MB, about 0.18 ms on one core of the reference machine. Waking a parked helper and waiting for
     * its last range costs 15-20 µs there, so two threads break even at about 10^5 values and are 1.45x faster at
     * 2.5·10^5 (GradientDescentEpochBenchmark, variants fused-1 and split-N); the margin is for a loaded machine, where
     * a helper may wake later.
     */
    static final long MIN_SPLIT_VALUES = 1L << 18;

    /** Each range of a split linear pass reads at least this many values (512 KB): at least 4 ranges, to balance. */
    private static final long MIN_RANGE_VALUES = 1L << 16;

    /**
     * The partial results of all ranges together take at most about this many bytes, counting each as a triangle of
     * q(q + 1)/2 values; the Vector API kernel keeps G square (padded q x q), about twice that. The split must not
     * depend on the kernel, or the two would not give the same bits.
     */
    private static final long MAX_PARTIAL_BYTES = 8L << 20;

    /**
     * The split for the Gram pass over n rows of q columns (features and target).
     *
     * @param rows    n &ge; 0
     * @param columns q &ge; 1
     * @return the split
     */
    static RowTasks of(int rows, int columns) {
        long perTask = Math.max(64, MIN_WORK / ((long) columns * columns));
        long partialBytes = (long) Double.BYTES * columns * (columns + 1) / 2;
        long byWork = (rows + perTask - 1) / perTask;
        long byMemory = Math.max(1, MAX_PARTIAL_BYTES / partialBytes);
        int count = (int) Math.max(1, Math.min(MAX_TASKS, Math.min(byWork, byMemory)));
        return new RowTasks(rows, count);
    }

    /**
     * The split for a pass doing a few operations per value of an n x p matrix, such as a least-squares gradient: one
     * range below {@value #MIN_SPLIT_VALUES} values, else ranges of at least 2^16 values, at most {@value #MAX_TASKS}
     * of them. Ranges are handed out to threads as they free up, so more ranges than threads balance a busy machine.
     *
     * @param rows     n &ge; 0
     * @param features p &ge; 1
     * @return the split
     */
    static RowTasks ofLinearPass(int rows, int features) {
        long values = (long) rows * features;
        long count = values < MIN_SPLIT_VALUES ? 1 : Math.min(MAX_TASKS, values / MIN_RANGE_VALUES);
        return new RowTasks(rows, (int) Math.max(1, Math.min(rows, count)));
    }

    /** The first row of range t. */
    int from(int task) {
        return (int) ((long) rows * task / count);
    }

    /** One past the last row of range t. */
    int to(int task) {
        return from(task + 1);
    }

    /** The largest number of rows in one range. */
    int largest() {
        int largest = 0;
        for (int t = 0; t < count; t++) {
            largest = Math.max(largest, to(t) - from(t));
        }
        return largest;
    }

    /**
     * Runs {@code task.apply(t)} for every range t on at most {@code parallelism} threads (the caller's included) and
     * returns the results in range order. An exception thrown by a task is rethrown here after all threads stopped.
     *
     * @param parallelism the largest number of threads to use, &ge; 1
     * @param task        the work for one range; called once per range, possibly on another thread
     * @param <T>         the result type
     * @return the results, index t for range t
     */
    <T> List<T> run(int parallelism, IntFunction<T> task) {
        Object[] results = new Object[count];
        try (Crew crew = crew(parallelism)) {
            crew.forEach(t -> results[t] = task.apply(t));
        }
        return list(results);
    }

    /**
     * Starts the helper threads for many passes over these ranges: min(parallelism, count) − 1 of them, none when
     * one thread suffices. Close the crew to end them.
     *
     * @param parallelism the largest number of threads to use, the caller's included, &ge; 1
     * @return the crew
     */
    Crew crew(int parallelism) {
        return new Crew(count, Math.min(parallelism, count) - 1);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object[] results) {
        return (List<T>) new ArrayList<>(Arrays.asList(results));
    }

    /**
     * Helper threads kept for the passes of one fit, so a pass costs a wake-up (15-30 µs) instead of starting threads
     * (about 0.3 ms on the reference machine). Each {@link #forEach} hands out the ranges in order through one
     * counter; the owner works too, then waits for the helpers. Which thread runs which range varies, so callers write
     * each range's result to its own slot and merge the slots in order. Between passes the helpers are parked.
     * Not thread-safe: one thread at a time calls {@link #forEach} or {@link #close}.
     */
    static final class Crew implements AutoCloseable {

        private final int count;
        private final Thread[] helpers;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private Thread owner; // the thread in forEach, published with the pass
        private volatile IntConsumer task;
        private volatile int pass;
        private volatile boolean closed;

        private Crew(int count, int helperCount) {
            this.count = count;
            this.helpers = new Thread[Math.max(0, helperCount)];
            try {
                for (int h = 0; h < helpers.length; h++) {
                    Thread helper = new Thread(this::serve, "maas-solver-" + h);
                    helper.setDaemon(true);
                    helper.start();
                    helpers[h] = helper;
                }
            } catch (RuntimeException | Error e) {
                close(); // for instance no memory for another thread: end those already started
                throw e;
            }
        }

        /** The number of helper threads, 0 when the owner runs every range itself. */
        int helpers() {
            return helpers.length;
        }

        /**
         * Runs {@code work.accept(t)} once for every range t and returns when all have finished. A task's exception
         * stops the handing out of further ranges and is rethrown here once the helpers are idle again.
         *
         * @param work the work for one range, possibly run on a helper thread
         */
        void forEach(IntConsumer work) {
            if (helpers.length == 0) {
                for (int t = 0; t < count; t++) {
                    work.accept(t);
                }
                return;
            }
            owner = Thread.currentThread();
            task = work;
            failure.set(null);
            next.set(0);
            running.set(helpers.length);
            pass = pass + 1; // only the owner writes: the volatile write publishes the fields above
            for (Thread helper : helpers) {
                LockSupport.unpark(helper);
            }
            drain(work);
            while (running.get() > 0) {
                LockSupport.park(this); // the last helper to finish unparks the owner; spurious returns loop
            }
            task = null;
            Throwable thrown = failure.get();
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (thrown instanceof Error error) {
                throw error;
            }
        }

        private void serve() {
            int seen = 0;
            while (true) {
                int current = pass;
                while (current == seen && !closed) {
                    LockSupport.park(this);
                    current = pass;
                }
                if (closed) {
                    return;
                }
                seen = current;
                drain(task);
                if (running.decrementAndGet() == 0) {
                    LockSupport.unpark(owner);
                }
            }
        }

        private void drain(IntConsumer work) {
            for (int t = next.getAndIncrement(); t < count && failure.get() == null; t = next.getAndIncrement()) {
                try {
                    work.accept(t);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        }

        /** Ends the helper threads and waits for them; idempotent. */
        @Override
        public void close() {
            closed = true;
            boolean interrupted = false;
            for (Thread helper : helpers) {
                if (helper == null) {
                    continue; // never started
                }
                LockSupport.unpark(helper);
                // A helper is parked or finishing a range: wait for it even if interrupted, then restore the flag.
                while (helper.isAlive()) {
                    try {
                        helper.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
