package io.maas.solver;

import io.maas.benchmarks.Problems;
import io.maas.data.Dataset;
import java.util.ArrayList;
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
 * How long does one epoch of full-batch gradient descent take, and what share of the memory bandwidth does it use?
 *
 * <p>One epoch is one call of {@code Standardized.costAndGradient}: one pass over the standardised n x p copy of X
 * (row-major, 8·n·p bytes read) computing the residuals, the cost and the gradient, as {@link GradientDescent} does
 * per iteration (its standardisation and step-size estimate happen once per fit and are left out). Lives in
 * {@code io.maas.solver} to reach the package-private {@code Standardized}. Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="GradientDescentEpochBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = "-Xmx6g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class GradientDescentEpochBenchmark {

    /** n x p: rows by features. */
    @Param({"100000x10", "1000000x20", "200000x100", "20000x500"})
    public String shape;

    private Standardized standardized;
    private double[] theta;
    private double[] residual;
    private double[] gradient;

    /** Builds the seeded data and its standardised copy. */
    @Setup(Level.Trial)
    public void setUp() {
        Dataset data = Problems.dataset(Problems.Size.parse(shape));
        Problem problem = LeastSquares.problem(data, null, Intercept.FIT, 0.0);
        standardized = Standardized.of(problem, new ArrayList<>());
        theta = new double[data.featureCount()];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = 0.1 * (j % 5);
        }
        residual = new double[data.rowCount()];
        gradient = new double[data.featureCount()];
    }

    /**
     * One full-batch epoch.
     *
     * @return the cost, so the work stays alive
     */
    @Benchmark
    public double epoch() {
        return standardized.costAndGradient(theta, residual, gradient);
    }
}
