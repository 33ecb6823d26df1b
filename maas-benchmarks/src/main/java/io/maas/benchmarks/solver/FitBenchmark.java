package io.maas.benchmarks.solver;

import io.maas.benchmarks.Problems;
import io.maas.data.Dataset;
import io.maas.solver.LeastSquares;
import io.maas.solver.Precision;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.decomposition.QR;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
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
 * How long does a least-squares fit of n x p with intercept take, for maas and for its peers side by side?
 *
 * <p>Solvers: {@code maas} is {@link LeastSquares#defaults()} (the fast, accurate default: parallel normal equations
 * refined once, the rows read once when the problem is tall and well determined, with QR and extended precision as
 * fallbacks; inference statistics included); {@code maas-1-thread}
 * the same on one thread; {@code maas-qr} the double-precision QR path ({@link Precision#DOUBLE}). Peers, used
 * directly: ojAlgo Householder QR and ojAlgo normal equations (XᵀX by its multiply, then Cholesky), Commons Math
 * {@code OLSMultipleLinearRegression} (QR; it copies the data into its own matrix, as its API requires) and EJML's
 * least-squares solver (QR; the design is copied first when the solver says it modifies it). Each peer gets its
 * natural input (design with a column of ones, target) built in setup, so conversion is not timed, except where the
 * library's own API copies. Forks run with a fixed heap of 4 GB, pre-touched: first-touch page faults are expensive
 * on the reference VM and fall on whoever allocates first (1M x 20 by maas: 97 ms with a growing heap, 65 ms with a
 * fixed one), and 4 GB holds every peer's copies. Pre-touching takes 9 s per fork there (24 s for 8 GB). Warm-up is
 * 8 s. With 4 s, the first measured iteration of each fork was the slow one: in one fork of 2-second iterations at
 * 1M x 20 (maas, two threads, JMH's {@code -prof comp}) the JIT compiled for 515, 216, 56 and 94 ms in the second
 * to fifth, on one of the machine's two cores, and the fit took 32.3, 30.8, 29.1 and 28.3 ms; after that 27.7-29.7
 * ms, with under 15 ms of compiling per iteration. Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="FitBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--add-modules",
        "jdk.incubator.vector"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class FitBenchmark {

    /** n x p: rows by features. */
    @Param({"100000x10", "1000000x20", "200000x100", "20000x500"})
    public String shape;

    /** Who fits. */
    @Param({"maas", "maas-1-thread", "maas-qr", "ojalgo-qr", "ojalgo-normal", "commons-math-qr", "ejml-qr"})
    public String solver;

    private Dataset data;
    private LeastSquares leastSquares;
    private double[][] rows;
    private double[] target;
    private R064Store design;
    private R064Store response;
    private DMatrixRMaj ejmlDesign;
    private DMatrixRMaj ejmlResponse;

    /** Builds the seeded data once per trial, in the form the chosen solver takes. */
    @Setup(Level.Trial)
    public void setUp() {
        data = Problems.dataset(Problems.Size.parse(shape));
        target = data.target();
        int n = data.rowCount();
        int k = data.featureCount() + 1;
        switch (solver) {
            case "maas" -> leastSquares = LeastSquares.defaults();
            case "maas-1-thread" -> leastSquares = LeastSquares.builder().parallelism(1).build();
            case "maas-qr" -> leastSquares = LeastSquares.builder().precision(Precision.DOUBLE).build();
            case "commons-math-qr" -> {
                rows = new double[n][];
                for (int i = 0; i < n; i++) {
                    rows[i] = data.row(i);
                }
            }
            case "ojalgo-qr", "ojalgo-normal" -> {
                design = R064Store.FACTORY.make(n, k);
                for (int i = 0; i < n; i++) {
                    design.set(i, 0, 1.0);
                    for (int j = 1; j < k; j++) {
                        design.set(i, j, data.feature(i, j - 1));
                    }
                }
                response = R064Store.FACTORY.column(target);
            }
            case "ejml-qr" -> {
                ejmlDesign = new DMatrixRMaj(n, k);
                for (int i = 0; i < n; i++) {
                    ejmlDesign.set(i, 0, 1.0);
                    for (int j = 1; j < k; j++) {
                        ejmlDesign.set(i, j, data.feature(i, j - 1));
                    }
                }
                ejmlResponse = new DMatrixRMaj(n, 1, true, target);
            }
            default -> throw new IllegalArgumentException("unknown solver " + solver);
        }
    }

    /**
     * Fits, returning the parameters (intercept first).
     *
     * @return the parameters, so the work stays alive
     */
    @Benchmark
    public double[] fit() {
        return switch (solver) {
            case "maas", "maas-1-thread", "maas-qr" -> {
                var fit = leastSquares.solve(data);
                double[] theta = new double[fit.coefficients().length + 1];
                theta[0] = fit.intercept();
                System.arraycopy(fit.coefficients(), 0, theta, 1, theta.length - 1);
                yield theta;
            }
            case "ojalgo-qr" -> {
                QR<Double> qr = QR.R064.make(design);
                if (!qr.decompose(design) || !qr.isSolvable()) {
                    throw new IllegalStateException("ojAlgo QR: not solvable");
                }
                yield qr.getSolution(response).toRawCopy1D();
            }
            case "ojalgo-normal" -> {
                MatrixStore<Double> gram = design.transpose().multiply(design);
                MatrixStore<Double> moment = design.transpose().multiply(response);
                Cholesky<Double> cholesky = Cholesky.R064.make(gram);
                if (!cholesky.decompose(gram)) {
                    throw new IllegalStateException("ojAlgo Cholesky: not positive definite");
                }
                yield cholesky.getSolution(moment).toRawCopy1D();
            }
            case "commons-math-qr" -> {
                OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
                ols.newSampleData(target, rows);
                yield ols.estimateRegressionParameters();
            }
            case "ejml-qr" -> {
                LinearSolverDense<DMatrixRMaj> ls = LinearSolverFactory_DDRM.leastSquares(ejmlDesign.numRows,
                        ejmlDesign.numCols);
                DMatrixRMaj a = ls.modifiesA() ? ejmlDesign.copy() : ejmlDesign;
                if (!ls.setA(a)) {
                    throw new IllegalStateException("EJML: singular design");
                }
                DMatrixRMaj x = new DMatrixRMaj(ejmlDesign.numCols, 1);
                ls.solve(ejmlResponse, x);
                yield x.data;
            }
            default -> throw new IllegalStateException(solver);
        };
    }
}
