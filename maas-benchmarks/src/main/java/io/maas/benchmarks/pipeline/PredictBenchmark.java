package io.maas.benchmarks.pipeline;

import io.maas.benchmarks.Problems;
import io.maas.data.Dataset;
import io.maas.model.LinearRegression;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does a prediction through a fitted pipeline take: one row at a time (a service answering a request), and a
 * whole dataset at once (batch scoring, 8·n·p bytes of features read)?
 *
 * <p>The pipeline is {@code Pipeline.builder().model(LinearRegression.leastSquares()).build().fit(data)}, or with
 * {@code .preprocess(Scale.standard())} before the model ({@code preprocess=standard}: the serving target is
 * p = 20 with standard scaling at 30 ns or less), fitted once in setup on the seeded data. {@link #predictRow} cycles through 1,024 prepared rows so successive calls do not
 * repeat one input. Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="PredictBenchmark"
 * </pre>
 * and add {@code -prof gc} to the JMH arguments to see the bytes allocated per prediction (0 for a single row).
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

    /** What runs before the linear model: nothing, or standard scaling of every feature. */
    @Param({"none", "standard"})
    public String preprocess;

    private Dataset data;
    private FittedPipeline model;
    private double[][] rows;
    private int next;

    /** Builds the seeded data and fits the pipeline. */
    @Setup(Level.Trial)
    public void setUp() {
        data = Problems.dataset(Problems.Size.parse(shape));
        Pipeline.Builder builder = Pipeline.builder();
        if (preprocess.equals("standard")) {
            builder.preprocess(Scale.standard());
        }
        model = builder.model(LinearRegression.leastSquares()).build().fit(data);
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
