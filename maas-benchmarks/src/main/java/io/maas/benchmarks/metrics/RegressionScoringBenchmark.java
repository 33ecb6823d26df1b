package io.maas.benchmarks.metrics;

import io.maas.metrics.RegressionAccumulator;
import io.maas.metrics.RegressionMetrics;
import io.maas.metrics.RegressionScores;
import java.util.Arrays;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does scoring 1,000,000 (actual, predicted) pairs take: the array functions, and the accumulator fed in
 * chunks or one pair at a time?
 *
 * <p>The pairs (16 MB) are seeded Gaussian targets with Gaussian errors. {@code score} reads them twice
 * (two-pass variances) with seven compensated sums; {@code meanSquaredError} once with one; the median sorts a copy.
 * The time per pair against the 16 bytes it reads tells how far each is from memory bandwidth (a few GB/s per core
 * here): compensated summation is bound by its dependency chain and branch, not by memory. Eight warm-up
 * iterations, not three: {@code accumulatorInChunks} ran at 70-100 ms/op for about its first five seconds in a
 * fork before settling near 10 ms/op (its {@code addChunk} is C2-compiled within 0.2 s, so that is not the cause;
 * the 16 MB of chunk copies it allocates per operation, and the heap sizing they drive, are the suspects). Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="RegressionScoringBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class RegressionScoringBenchmark {

    private static final int PAIRS = 1_000_000;
    private static final int CHUNK = 4096;

    private double[] actual;
    private double[] predicted;

    /** Draws the pairs once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        actual = new double[PAIRS];
        predicted = new double[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            actual[i] = 150 + 50 * random.nextGaussian();
            predicted[i] = actual[i] + 30 * random.nextGaussian();
        }
    }

    /**
     * All scores from the arrays: MSE, RMSE, MAE, R², explained variance, max error.
     *
     * @return the scores
     */
    @Benchmark
    public RegressionScores score() {
        return RegressionMetrics.score(actual, predicted);
    }

    /**
     * Mean squared error alone, one compensated pass.
     *
     * @return the MSE
     */
    @Benchmark
    public double meanSquaredError() {
        return RegressionMetrics.meanSquaredError(actual, predicted);
    }

    /**
     * Median absolute error: a sort of the 1M errors.
     *
     * @return the median absolute error
     */
    @Benchmark
    public double medianAbsoluteError() {
        return RegressionMetrics.medianAbsoluteError(actual, predicted);
    }

    /**
     * The accumulator fed chunks of 4096 pairs, as a stream reader would (the copies are part of the cost, as they
     * would be when reading a stream).
     *
     * @return the scores
     */
    @Benchmark
    public RegressionScores accumulatorInChunks() {
        RegressionAccumulator accumulator = new RegressionAccumulator();
        for (int from = 0; from < PAIRS; from += CHUNK) {
            int to = Math.min(from + CHUNK, PAIRS);
            accumulator.addAll(Arrays.copyOfRange(actual, from, to), Arrays.copyOfRange(predicted, from, to));
        }
        return accumulator.scores();
    }

    /**
     * The accumulator fed one pair at a time, as a live stream would.
     *
     * @return the scores
     */
    @Benchmark
    public RegressionScores accumulatorPairByPair() {
        RegressionAccumulator accumulator = new RegressionAccumulator();
        for (int i = 0; i < PAIRS; i++) {
            accumulator.add(actual[i], predicted[i]);
        }
        return accumulator.scores();
    }
}
