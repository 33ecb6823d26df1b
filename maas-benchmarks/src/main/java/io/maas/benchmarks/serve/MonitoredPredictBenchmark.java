package io.maas.benchmarks.serve;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.model.LinearRegression;
import io.maas.monitor.MonitoredPipeline;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Pipeline;
import io.maas.preprocess.Scale;
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
 * How much does monitoring add to one prediction? {@code bare} calls {@link FittedPipeline#predict(double[])} on the
 * diabetes pipeline of the issue (standard scaling, least squares, fitted on all 442 rows), {@code monitored} the
 * same call through {@link MonitoredPipeline#predict(double[])}; the overhead is their difference, and the target is
 * 100 ns or less. The overhead has two parts, measured apart: {@code clockReads} is the two
 * {@link System#nanoTime()} calls a latency needs, and {@code monitoredCheapClock} is the monitored call on a clock
 * that costs almost nothing (a plain counter), so that its excess over {@code bare} is the bookkeeping alone (two
 * uncontended atomic increments, the bucket index, the try). On this VM the clock source is kvm-clock, read through
 * the vDSO at about 50 to 60 ns a call; on a machine whose clock source is the TSC a read costs about 20 ns.
 *
 * <p>Rows cycle through the 442 rows of the data set so that the branch predictor does not learn one row. One
 * thread. Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="MonitoredPredictBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class MonitoredPredictBenchmark {

    private FittedPipeline pipeline;
    private MonitoredPipeline monitored;
    private MonitoredPipeline monitoredCheapClock;
    private long ticks;
    private double[][] rows;
    private int next;

    /** Fits the pipeline and wraps it, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        Dataset diabetes = SampleData.diabetes();
        pipeline = Pipeline.builder()
                .preprocess(Scale.standard())
                .model(LinearRegression.leastSquares())
                .build()
                .fit(diabetes);
        monitored = MonitoredPipeline.of(pipeline);
        // A plain field, read and written by this benchmark's one thread only: about a nanosecond a read.
        monitoredCheapClock = MonitoredPipeline.builder(pipeline).clock(() -> ticks += 100).build();
        rows = new double[diabetes.rowCount()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = diabetes.row(i);
        }
    }

    private double[] nextRow() {
        double[] row = rows[next];
        next = next + 1 == rows.length ? 0 : next + 1;
        return row;
    }

    /**
     * Predicts one row with the bare pipeline.
     *
     * @return the prediction
     */
    @Benchmark
    public double bare() {
        return pipeline.predict(nextRow());
    }

    /**
     * Predicts one row through the monitor: timed, counted.
     *
     * @return the prediction
     */
    @Benchmark
    public double monitored() {
        return monitored.predict(nextRow());
    }

    /**
     * Predicts one row through a monitor whose clock costs almost nothing: the bookkeeping without the clock.
     *
     * @return the prediction
     */
    @Benchmark
    public double monitoredCheapClock() {
        return monitoredCheapClock.predict(nextRow());
    }

    /**
     * Reads the clock twice, as timing one call does.
     *
     * @return the difference, so that neither read is removed
     */
    @Benchmark
    public long clockReads() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }
}
