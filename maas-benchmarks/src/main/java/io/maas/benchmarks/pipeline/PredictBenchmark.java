package io.maas.benchmarks.pipeline;

import io.maas.benchmarks.Problems;
import io.maas.data.Dataset;
import io.maas.model.LinearRegression;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Pipeline;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does a prediction through a fitted pipeline take: one row at a time (a service answering a request), and a
 * whole dataset at once (batch scoring, 8·n·p bytes of features read)?
 *
 * <p>The pipeline is {@code Pipeline.builder().model(LinearRegression.leastSquares()).build().fit(data)}, fitted once
 * in setup on the seeded data. {@link #predictRow} cycles through 1,024 prepared rows so successive calls do not
 * repeat one input. Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="PredictBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 2, jvmArgsAppend = "-Xmx6g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class PredictBenchmark {

    private static final int ROWS = 1024;

    /** n x p: rows by features. */
    @Param({"100000x10", "1000000x20", "200000x100", "20000x500"})
    public String shape;

    private Dataset data;
    private FittedPipeline model;
    private double[][] rows;
    private int next;

    /** Builds the seeded data and fits the pipeline. */
    @Setup(Level.Trial)
    public void setUp() {
        data = Problems.dataset(Problems.Size.parse(shape));
        model = Pipeline.builder().model(LinearRegression.leastSquares()).build().fit(data);
        rows = new double[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            rows[i] = data.row(i);
        }
    }

    /**
     * Predicts one row.
     *
     * @return the prediction
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double predictRow() {
        next = (next + 1) & (ROWS - 1);
        return model.predict(rows[next]);
    }

    /**
     * Predicts every row of the dataset.
     *
     * @return the predictions
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double[] predictBatch() {
        return model.predict(data);
    }
}
