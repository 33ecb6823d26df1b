package io.maas.benchmarks.machine;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What can this machine do at most, from Java, on all its cores at once: the denominators of every other table.
 *
 * <p>{@link #fmaPeak}: each thread runs 16 dependent {@link Math#fma} per element over an array that stays in L1;
 * C2 vectorises across elements (4 doubles per AVX2 instruction) and the loop keeps enough independent chains in
 * flight to fill both FMA pipes, so this is the FMA peak reachable without the Vector API: 32 flops per element,
 * {@value #PEAK_ELEMENTS} elements per call. {@link #readBandwidth}: each thread sums its own 128 MB array with eight
 * independent accumulators, fast enough that memory, not the adder, is the limit: 128 MB per call and thread.
 * Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="MachineBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(Threads.MAX)
@State(Scope.Thread)
public class MachineBenchmark {

    /** Elements per {@link #fmaPeak} call: 8 KB, well inside L1. */
    public static final int PEAK_ELEMENTS = 1024;

    /** Doubles per thread read by {@link #readBandwidth}: 128 MB, far beyond the caches. */
    public static final int READ_ELEMENTS = 1 << 24;

    private double[] registers;
    private double[] memory;

    /** Allocates and fills the per-thread arrays. */
    @Setup(Level.Trial)
    public void setUp() {
        registers = new double[PEAK_ELEMENTS];
        Arrays.fill(registers, 1.0);
        memory = new double[READ_ELEMENTS];
        for (int i = 0; i < memory.length; i++) {
            memory[i] = i & 1023;
        }
    }

    /**
     * 16 dependent FMAs on each of {@value #PEAK_ELEMENTS} elements: x ← x·a + b stays bounded near b/(1 − a).
     *
     * @return an element, so the work stays alive
     */
    @Benchmark
    public double fmaPeak() {
        double[] a = registers;
        for (int i = 0; i < a.length; i++) {
            double x = a[i];
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            x = Math.fma(x, 0.999999, 1e-7);
            a[i] = x;
        }
        return a[0];
    }

    /**
     * Sums {@value #READ_ELEMENTS} doubles from memory.
     *
     * @return the sum, so the reads stay alive
     */
    @Benchmark
    public double readBandwidth() {
        double[] a = memory;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        for (int i = 0; i < a.length; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
