package io.maas.solver;

import io.maas.data.Dataset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ordinary least squares: finds the intercept b and coefficients β minimising Σ (y_i − b − x_iᵀβ)² by a Householder
 * QR factorisation of the design matrix. Immutable and safe to share; each {@link #solve} call is independent.
 *
 * <p>Method. With {@link Intercept#FIT} the columns of X and y are centered on their means, which removes the
 * intercept column and its conditioning cost exactly (b = ȳ − x̄ᵀβ afterwards). Each column is then scaled to unit
 * length, so the rank decision and the condition estimate do not depend on the units of the features; QR is
 * otherwise insensitive to column scaling. The factorisation is ojAlgo's dense Householder QR in double precision.
 * Its backward error is a few units of rounding, so coefficients lose about log10(condition) digits; the
 * condition estimate is reported in {@link FitDiagnostics}.
 *
 * <p>Failures. A design without full column rank (a duplicated or constant column, fewer rows than parameters)
 * throws {@link RankDeficientException} naming the rank and, where the SVD identifies them, the collinear columns.
 * No NaN or infinite coefficient is ever returned.
 */
public final class LeastSquares {

    private static final Logger LOG = LoggerFactory.getLogger(LeastSquares.class);
    private static final String METHOD = "least squares, Householder QR (ojAlgo R064)";
    private static final LeastSquares DEFAULTS = new LeastSquares(Intercept.FIT);

    private final Intercept intercept;

    private LeastSquares(Intercept intercept) {
        this.intercept = intercept;
    }

    /**
     * Returns the default solver: QR with a fitted intercept.
     *
     * @return the default least-squares solver
     */
    public static LeastSquares defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a solver with the given intercept option and otherwise the defaults.
     *
     * @param intercept whether to fit an intercept
     * @return a solver
     */
    public static LeastSquares withIntercept(Intercept intercept) {
        return new LeastSquares(Objects.requireNonNull(intercept, "intercept"));
    }

    /**
     * Returns whether this solver fits an intercept.
     *
     * @return the intercept option
     */
    public Intercept intercept() {
        return intercept;
    }

    /**
     * Fits the features of {@code data} to its target.
     *
     * @param data the training data, n rows x p features; not modified
     * @return the intercept, the p coefficients and the fit diagnostics
     * @throws IllegalArgumentException if there are fewer rows than parameters (p, plus 1 with an intercept)
     * @throws RankDeficientException   if the design has no unique least-squares solution
     * @throws SolverException          if the factorisation fails for another reason
     */
    public LinearSolution solve(Dataset data) {
        Objects.requireNonNull(data, "data");
        int n = data.rowCount();
        int p = data.featureCount();
        int parameters = p + (intercept == Intercept.FIT ? 1 : 0);
        if (n < parameters) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "least squares with %d parameters needs at least %d rows but the data has %d",
                    parameters, parameters, n));
        }
        long start = System.nanoTime();

        // Column-major copy of X: ojAlgo's dense store layout, and each column is contiguous for centering.
        double[] design = new double[Math.multiplyExact(n, p)];
        double[] row = new double[p];
        for (int i = 0; i < n; i++) {
            data.copyRow(i, row, 0);
            for (int j = 0; j < p; j++) {
                design[j * n + i] = row[j];
            }
        }
        List<String> constantColumns = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            // Decided on the raw values: after centering, rounding can leave a constant column a few ulps from 0.
            if (isConstant(design, j * n, n) && (intercept == Intercept.FIT || design[j * n] == 0.0)) {
                constantColumns.add(data.featureNames().get(j));
            }
        }
        if (!constantColumns.isEmpty()) {
            throw new RankDeficientException(parameters - constantColumns.size(), parameters, constantColumns,
                    intercept == Intercept.FIT
                            ? "a constant column duplicates the intercept; drop it"
                            : "an all-zero column has no effect on the fit; drop it");
        }
        double[] y = data.target();
        double[] columnMeans = new double[p];
        double yMean = 0.0;
        if (intercept == Intercept.FIT) {
            for (int j = 0; j < p; j++) {
                columnMeans[j] = centre(design, j * n, n);
            }
            yMean = centre(y, 0, n);
        }
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            scale[j] = norm(design, j * n, n);
            for (int i = 0; i < n; i++) {
                design[j * n + i] /= scale[j];
            }
        }

        OjAlgoQr.Result result = OjAlgoQr.solve(design, n, y, data.featureNames(),
                intercept == Intercept.FIT ? 1 : 0);

        double[] coefficients = new double[p];
        double b = yMean;
        for (int j = 0; j < p; j++) {
            coefficients[j] = result.coefficients()[j] / scale[j];
            b -= columnMeans[j] * coefficients[j];
        }
        if (intercept == Intercept.NONE) {
            b = 0.0;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        FitDiagnostics diagnostics = new FitDiagnostics(METHOD, n, parameters, parameters,
                result.rDiagonalRatio(), elapsed);
        LOG.debug("fitted {}", diagnostics);
        return new LinearSolution(data.featureNames(), b, coefficients, diagnostics);
    }

    /** Subtracts the mean of values[from..from+n) in place and returns it; two passes for an accurate mean. */
    private static double centre(double[] values, int from, int n) {
        double sum = 0.0;
        for (int i = from; i < from + n; i++) {
            sum += values[i];
        }
        double mean = sum / n;
        double correction = 0.0;
        for (int i = from; i < from + n; i++) {
            correction += values[i] - mean;
        }
        mean += correction / n;
        for (int i = from; i < from + n; i++) {
            values[i] -= mean;
        }
        return mean;
    }

    private static boolean isConstant(double[] values, int from, int n) {
        for (int i = from + 1; i < from + n; i++) {
            if (values[i] != values[from]) {
                return false;
            }
        }
        return true;
    }

    private static double norm(double[] values, int from, int n) {
        // Scaled by the largest magnitude so that squares neither overflow nor underflow.
        double largest = 0.0;
        for (int i = from; i < from + n; i++) {
            largest = Math.max(largest, Math.abs(values[i]));
        }
        if (largest == 0.0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int i = from; i < from + n; i++) {
            double v = values[i] / largest;
            sum += v * v;
        }
        return largest * Math.sqrt(sum);
    }

    /**
     * Returns a description of this solver's options.
     *
     * @return for example {@code LeastSquares[QR, intercept=FIT]}
     */
    @Override
    public String toString() {
        return "LeastSquares[QR, intercept=" + intercept + "]";
    }
}
