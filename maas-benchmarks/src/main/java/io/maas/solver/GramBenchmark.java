package io.maas.solver;

import io.maas.benchmarks.Problems;
import io.maas.data.Dataset;
import io.maas.internal.VectorKernels;
import java.util.List;
import java.util.Random;
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
 * How fast is the kernel of the default fit, the centred Gram matrix of [X y] (n·q·(q + 1) flops, q = p + 1, its
 * lower triangle), per size, on one thread and on all cores?
 *
 * <p>{@link #gramPass}: the whole first pass of the fit, as {@code NormalEquations} runs it: rows read from the
 * {@link Dataset} a block at a time, shifted, accumulated by {@link GramKernel} over the fixed row split of
 * {@link RowTasks}, partial results merged in order. {@link #kernelOnly}: the register-blocked kernel alone on
 * {@value #KERNEL_ROWS} rows already in cache (the ceiling of the pass, one thread, 240·q·(q + 1) flops). Lives in
 * {@code io.maas.solver} to reach these package-private classes (the shaded jar puts both in one package). Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="GramBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--add-modules",
        "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class GramBenchmark {

    /** Rows per {@link #kernelOnly} call. */
    public static final int KERNEL_ROWS = 240;

    /** n x p: rows by features (the Gram has p + 1 columns, the target included). */
    @Param({"100000x10", "1000000x20", "200000x100", "20000x500"})
    public String shape;

    /** Threads: "all" available processors (the default of {@code LeastSquares}), or "1". */
    @Param({"all", "1"})
    public String threads;

    /**
     * The kernel: "vector" ({@code VectorApiKernels}: what the library uses when the JVM has the jdk.incubator.vector
     * module, as these forks do) or "scalar" ({@link GramKernel}, without it). Same bits either way.
     */
    @Param({"vector", "scalar"})
    public String kernel;

    private Dataset data;
    private double[] target;
    private RowTasks tasks;
    private int columns;
    private int parallelism;
    private double[][] block;
    private double[] flatBlock;
    private double[] square;
    private VectorKernels flat;
    private double[][] lower;

    /** Builds the seeded data and one block of random rows for the kernel alone. */
    @Setup(Level.Trial)
    public void setUp() {
        data = Problems.dataset(Problems.Size.parse(shape));
        target = data.target();
        columns = data.featureCount() + 1;
        tasks = RowTasks.of(data.rowCount(), columns);
        parallelism = threads.equals("all") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(threads);
        Random random = new Random(Problems.SEED);
        block = new double[KERNEL_ROWS][columns];
        for (double[] row : block) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        flat = kernel.equals("vector") ? GramKernel.vectorKernels() : null;
        if (kernel.equals("vector") && flat == null) {
            throw new IllegalStateException("kernel=vector needs --add-modules jdk.incubator.vector");
        }
        int stride = flat == null ? columns : flat.stride(columns);
        flatBlock = new double[KERNEL_ROWS * stride];
        for (int r = 0; r < KERNEL_ROWS; r++) {
            System.arraycopy(block[r], 0, flatBlock, r * stride, columns);
        }
        square = new double[flat == null ? 1 : flat.squareLength(columns)];
        lower = new double[columns][];
        for (int j = 0; j < columns; j++) {
            lower[j] = new double[j + 1];
        }
    }

    /**
     * The Gram pass over all rows.
     *
     * @return the merged accumulator
     */
    @Benchmark
    public GramAccumulator gramPass() {
        List<GramAccumulator> parts = tasks.run(parallelism, t -> {
            GramAccumulator part = new GramAccumulator(columns, flat);
            part.add(data, null, tasks.from(t), tasks.to(t));
            return part;
        });
        GramAccumulator gram = parts.get(0);
        for (int t = 1; t < parts.size(); t++) {
            gram.merge(parts.get(t));
        }
        return gram;
    }

    /**
     * The kernel on {@value #KERNEL_ROWS} cached rows (one thread whatever {@link #threads} says).
     *
     * @return the updated Gram matrix (its array)
     */
    @Benchmark
    public Object kernelOnly() {
        if (flat != null) {
            flat.addCrossProducts(flatBlock, KERNEL_ROWS, columns, square);
            return square;
        }
        GramKernel.addCrossProducts(block, block.length, columns, lower);
        return lower;
    }
}
