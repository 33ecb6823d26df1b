package io.maas.solver;

import io.maas.benchmarks.Problems;
import io.maas.data.Dataset;
import io.maas.internal.VectorKernels;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does one epoch of full-batch gradient descent take, and what share of the memory bandwidth does it use?
 *
 * <p>One epoch is one call of {@code FullGradient.costAndGradient}: one pass over the standardised n x p copy of X
 * (row-major) and the target, 8·n·(p + 1) bytes read once, computing the residuals, the cost and the gradient, as
 * {@link GradientDescent} does per iteration (its standardisation and step-size estimate happen once per fit and are
 * left out). Variants: {@code fused} is that pass on all available processors, with the helper threads kept for the
 * trial as a fit keeps them; {@code fused-1} is the same on one thread; {@code old} is the epoch before the fused
 * kernel (one thread, one row at a time, the residuals written to an n-vector), kept here as the baseline. Not in the
 * default list, {@code split-N} forces the fused pass into N row ranges on two threads whatever the size, to find
 * where threads start to pay ({@code RowTasks.MIN_SPLIT_VALUES}). Lives in {@code io.maas.solver} to reach the
 * package-private classes. Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="GradientDescentEpochBenchmark"
 * java -jar maas-benchmarks/target/benchmarks.jar GradientDescentEpochBenchmark -p shape=20000x10,50000x10 \
 *     -p variant=fused-1,split-2
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--add-modules",
        "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class GradientDescentEpochBenchmark {

    /** n x p: rows by features. */
    @Param({"100000x10", "1000000x20", "200000x100", "20000x500"})
    public String shape;

    /**
     * The epoch: "fused" on all processors, "fused-1" on one thread, "old" the previous one-row-at-a-time loop, or
     * "split-N" (N row ranges on two threads).
     */
    @Param({"fused", "fused-1", "old"})
    public String variant;

    /**
     * The kernel of the fused variants: "vector" ({@code VectorApiKernels}, what the library uses from 64 columns on
     * when the JVM has the jdk.incubator.vector module, as these forks do; below 64 columns both run the scalar
     * kernel) or "scalar" ({@link GradientKernel}, without it). Same bits either way.
     */
    @Param({"vector", "scalar"})
    public String kernel;

    private Standardized standardized;
    private FullGradient full;
    private double[] theta;
    private double[] residual;
    private double[] gradient;

    /** Builds the seeded data, its standardised copy and, for the fused variants, the helper threads. */
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
        VectorKernels vector = kernel.equals("vector") ? GramKernel.vectorKernels() : null;
        if (kernel.equals("vector") && (vector == null || !vector.hasGradient())) {
            throw new IllegalStateException("kernel=vector needs --add-modules jdk.incubator.vector and 4 or 8 lanes");
        }
        if (variant.startsWith("split-")) {
            int count = Integer.parseInt(variant.substring(6));
            full = new FullGradient(standardized, new RowTasks(data.rowCount(), count), 2, vector);
        } else if (!variant.equals("old")) {
            int threads = variant.equals("fused-1") ? 1 : Runtime.getRuntime().availableProcessors();
            full = new FullGradient(standardized, RowTasks.ofLinearPass(data.rowCount(), data.featureCount()),
                    threads, vector);
        }
    }

    /** Ends the helper threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (full != null) {
            full.close();
        }
    }

    /**
     * One full-batch epoch.
     *
     * @return the cost, so the work stays alive
     */
    @Benchmark
    public double epoch() {
        return full != null ? full.costAndGradient(theta, gradient) : oldEpoch();
    }

    /** The epoch as it was before the fused kernel: per row, the residual's dot product, then the gradient's axpy. */
    private double oldEpoch() {
        double[] z = standardized.matrix();
        double[] target = standardized.target();
        double[] weights = standardized.weights();
        int n = standardized.rows();
        int p = standardized.features();
        java.util.Arrays.fill(gradient, 0.0);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = -target[i];
            int base = i * p;
            for (int j = 0; j < p; j++) {
                r += z[base + j] * theta[j];
            }
            residual[i] = r;
            double wr = (weights == null ? 1.0 : weights[i]) * r;
            sum += wr * r;
            for (int j = 0; j < p; j++) {
                gradient[j] += wr * z[base + j];
            }
        }
        return standardized.finish(theta, gradient, sum);
    }
}
