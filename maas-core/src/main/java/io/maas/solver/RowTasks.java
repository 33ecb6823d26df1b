package io.maas.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A fixed split of n rows into contiguous ranges, and a way to run one task per range on a few threads.
 *
 * <p>The split depends only on the shape of the problem (rows and columns), never on the number of threads or their
 * timing, and {@link #run} returns the results in range order, so a caller that merges them in that order gets the
 * same answer to the bit with 1 thread or 64. Threads are started for one call and joined before it returns; nothing
 * is shared between calls and no global pool is used.
 *
 * @param rows  n, the number of rows split
 * @param count the number of ranges, 1 &le; count &le; max(1, n)
 */
record RowTasks(int rows, int count) {

    /** At most this many ranges: enough to balance 2-32 threads, few enough to keep merging cheap. */
    static final int MAX_TASKS = 32;

    /** Each range does at least about this many multiply-adds in the Gram kernel, or threads do not pay off. */
    private static final long MIN_WORK = 1L << 22;

    /** The partial results of all ranges together take at most about this many bytes. */
    private static final long MAX_PARTIAL_BYTES = 8L << 20;

    /**
     * The split for n rows of q columns (features and target).
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
        int threads = Math.min(parallelism, count);
        if (threads <= 1) {
            for (int t = 0; t < count; t++) {
                results[t] = task.apply(t);
            }
            return list(results);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int t = next.getAndIncrement(); t < count && failure.get() == null; t = next.getAndIncrement()) {
                try {
                    results[t] = task.apply(t);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        Thread[] helpers = new Thread[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = new Thread(worker, "maas-solver-" + h);
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
        worker.run();
        boolean interrupted = false;
        for (Thread helper : helpers) {
            // The helpers run finite, CPU-bound work: wait for them even if interrupted, then restore the flag.
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
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return list(results);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object[] results) {
        return (List<T>) new ArrayList<>(Arrays.asList(results));
    }
}
