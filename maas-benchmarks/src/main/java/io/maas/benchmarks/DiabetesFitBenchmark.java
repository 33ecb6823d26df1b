package io.maas.benchmarks;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.solver.LeastSquares;
import io.maas.solver.LinearSolution;
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
 * How long does one least-squares fit of the bundled diabetes data (442 rows x 10 features, with intercept) take,
 * from a validated {@link Dataset} to a {@link LinearSolution}?
 *
 * <p>It covers the whole default fit: copying to column-major, centering and scaling, ojAlgo's Householder QR and
 * the back-substitution. About 2·n·p² = 88k flops for the QR, so the time is dominated by overheads, not flops:
 * this benchmark watches the fixed cost of a small fit. Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="DiabetesFitBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class DiabetesFitBenchmark {

    private Dataset diabetes;
    private LeastSquares solver;

    /** Reads the bundled data once per trial; parsing is not part of the measurement. */
    @Setup(Level.Trial)
    public void setUp() {
        diabetes = SampleData.diabetes();
        solver = LeastSquares.defaults();
    }

    /**
     * Fits ordinary least squares with an intercept.
     *
     * @return the solution, returned so JMH keeps the work alive
     */
    @Benchmark
    public LinearSolution fitDiabetes() {
        return solver.solve(diabetes);
    }
}
