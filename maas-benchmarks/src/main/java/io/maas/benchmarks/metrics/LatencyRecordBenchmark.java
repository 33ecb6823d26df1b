package io.maas.benchmarks.metrics;

import io.maas.metrics.service.LatencyRecorder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * How long does recording one latency take, with one writer and with two writers on the same recorder, and how does
 * {@link LatencyRecorder} compare with HdrHistogram's {@link Recorder} (the standard interval recorder, configured
 * alike: 1 ns to 1 hour, two significant digits)?
 *
 * <p>Each thread cycles through 4096 seeded log-normal latencies (median 1 ms, σ = 1) so that the buckets hit vary
 * as in a service. One fork per implementation and thread count, so every call site sees one implementation. The
 * target is 25 ns or less per record with one writer. Two writers on this 2-core machine contend for the same
 * cache lines (nearby latencies share buckets), so their figure is per operation of each thread. Add
 * {@code -prof gc} to see that recording allocates nothing ({@code gc.alloc.rate.norm} = 0 B/op). Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="LatencyRecordBenchmark -prof gc"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class LatencyRecordBenchmark {

    private static final int VALUES = 4096;

    /** Which recorder: this project's or HdrHistogram's. */
    @Param({"maas", "hdrhistogram"})
    public String recorder;

    private LongConsumer sink;

    /** Per-thread latencies, seeded by thread index. */
    @State(Scope.Thread)
    public static class Latencies {

        private final long[] values = new long[VALUES];
        private int next;

        /**
         * Draws this thread's latencies.
         *
         * @param thread JMH's description of the thread, for the seed
         */
        @Setup(Level.Trial)
        public void draw(ThreadParams thread) {
            SplittableRandom random = new SplittableRandom(42 + thread.getThreadIndex());
            for (int i = 0; i < VALUES; i++) {
                values[i] = Math.round(1e6 * Math.exp(random.nextGaussian()));
            }
        }

        long next() {
            return values[next++ & (VALUES - 1)];
        }
    }

    /** Builds the recorder under test once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        if (recorder.equals("maas")) {
            LatencyRecorder latencies = LatencyRecorder.builder().build();
            sink = latencies::record;
        } else {
            Recorder hdr = new Recorder(1, TimeUnit.HOURS.toNanos(1), 2);
            sink = hdr::recordValue;
        }
    }

    /**
     * Records one latency from a single thread.
     *
     * @param latencies this thread's values
     */
    @Benchmark
    @Threads(1)
    public void oneWriter(Latencies latencies) {
        sink.accept(latencies.next());
    }

    /**
     * Records one latency from each of two threads at once.
     *
     * @param latencies this thread's values
     */
    @Benchmark
    @Threads(2)
    public void twoWriters(Latencies latencies) {
        sink.accept(latencies.next());
    }
}
