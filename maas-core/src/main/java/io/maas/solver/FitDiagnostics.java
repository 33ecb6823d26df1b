package io.maas.solver;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What happened during one fit: the method used, the size of the problem, its rank and conditioning, and the time
 * it took. An immutable value.
 *
 * @param method            the algorithm actually used, such as {@code "least squares, Householder QR (ojAlgo)"}
 * @param rows              the number of training rows, &ge; 1
 * @param parameters        the number of fitted parameters: features plus the intercept if fitted
 * @param rank              the numerical rank of the design, counting the intercept; equals parameters for a
 *                          successful least-squares fit
 * @param conditionEstimate a lower bound on the 2-norm condition number of the design after centering (when an
 *                          intercept is fitted) and scaling each column to unit length: the ratio of the largest to
 *                          the smallest |R_ii| of its QR factor. About 10^k means up to k digits of the
 *                          coefficients may be lost to rounding. &ge; 1.
 * @param fitTime           wall-clock time of the fit, from validated input to finished result
 */
public record FitDiagnostics(String method, int rows, int parameters, int rank, double conditionEstimate,
                             Duration fitTime) {

    /**
     * Checks that the diagnostics describe a possible fit.
     *
     * @param method            the algorithm used
     * @param rows              training rows
     * @param parameters        fitted parameters
     * @param rank              numerical rank
     * @param conditionEstimate condition number estimate
     * @param fitTime           time taken
     * @throws IllegalArgumentException if a count is not positive, the rank exceeds the parameters or the
     *                                  condition estimate is below 1 or NaN
     */
    public FitDiagnostics {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(fitTime, "fitTime");
        if (rows < 1 || parameters < 1 || rank < 0 || rank > parameters) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "impossible fit shape: rows=%d, parameters=%d, rank=%d", rows, parameters, rank));
        }
        if (!(conditionEstimate >= 1.0)) {
            throw new IllegalArgumentException("conditionEstimate must be >= 1 but was " + conditionEstimate);
        }
    }

    /**
     * Returns a one-line summary for logs and reports.
     *
     * @return for example {@code least squares, Householder QR (ojAlgo): 354 rows, 11 parameters, rank 11,
     *         condition ~ 2.1e+01, 1.2 ms}
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d rows, %d parameters, rank %d, condition ~ %.1e, %.1f ms",
                method, rows, parameters, rank, conditionEstimate, fitTime.toNanos() / 1e6);
    }
}
