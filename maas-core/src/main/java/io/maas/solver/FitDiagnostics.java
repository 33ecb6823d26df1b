package io.maas.solver;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What happened during one fit: the method and precision actually used, the size, rank and conditioning of the
 * problem, the iterations of an iterative method and whether it converged, the final cost and the time taken, with
 * notes for anything a user should know (a fallback, a dropped column). An immutable value.
 *
 * @param method            the algorithm actually used, such as {@code "least squares, Householder QR (ojAlgo)"}
 * @param precision         the arithmetic used: {@link Precision#DOUBLE} or {@link Precision#EXTENDED}
 * @param rows              the number of training rows, &ge; 1
 * @param parameters        the number of fitted parameters: features plus the intercept if fitted, &ge; 1
 * @param rank              the numerical rank of the design, counting the intercept, 0 &le; rank &le; parameters;
 *                          empty when the method does not determine it (gradient descent)
 * @param conditionEstimate an estimate of the condition number of the solve (1-norm, after centering and scaling
 *                          each column to unit length), &ge; 1; about 10^k means a double-precision solve may lose k
 *                          digits. Empty when the method does not estimate it (gradient descent)
 * @param iterations        iterations (epochs for mini-batch methods) of an iterative method; 0 for a direct solve
 * @param converged         whether the method reached its stopping criterion; always true for a direct solve
 * @param stopReason        why the method stopped, such as {@code "direct solve"} or
 *                          {@code "relative gradient norm 8.1e-11 <= 1e-10"}
 * @param finalCost         the objective at the returned parameters, &ge; 0: for least squares
 *                          J(θ) = 1/(2m) Σ w_i (ŷ_i − y_i)² (m = Σ w_i) plus λ‖β‖²/(2m) when penalised; for
 *                          logistic regression ½‖w‖² + C Σ log-loss
 * @param costHistory       the objective after each iteration of an iterative method, empty for a direct solve
 * @param notes             things that happened and are worth knowing, in order; often empty
 * @param fitTime           wall-clock time of the fit, from validated input to finished result
 */
public record FitDiagnostics(String method, Precision precision, int rows, int parameters, OptionalInt rank,
                             OptionalDouble conditionEstimate, int iterations, boolean converged, String stopReason,
                             double finalCost, double[] costHistory, List<String> notes, Duration fitTime) {

    /**
     * Checks and copies the values.
     *
     * @param method            the algorithm used
     * @param precision         the arithmetic used
     * @param rows              training rows
     * @param parameters        fitted parameters
     * @param rank              numerical rank
     * @param conditionEstimate condition estimate
     * @param iterations        iterations taken
     * @param converged         whether it converged
     * @param stopReason        why it stopped
     * @param finalCost         final cost
     * @param costHistory       cost per iteration
     * @param notes             notes
     * @param fitTime           time taken
     * @throws IllegalArgumentException if a count is out of range, the condition estimate is below 1, or a cost is
     *                                  negative or not finite
     */
    public FitDiagnostics {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(rank, "rank");
        Objects.requireNonNull(conditionEstimate, "conditionEstimate");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(fitTime, "fitTime");
        costHistory = costHistory.clone();
        notes = List.copyOf(notes);
        if (precision == Precision.AUTO) {
            throw new IllegalArgumentException("precision must say what was used, DOUBLE or EXTENDED, not AUTO");
        }
        if (rows < 1 || parameters < 1 || iterations < 0
                || rank.isPresent() && (rank.getAsInt() < 0 || rank.getAsInt() > parameters)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "impossible fit shape: rows=%d, parameters=%d, rank=%s, iterations=%d",
                    rows, parameters, rank, iterations));
        }
        if (conditionEstimate.isPresent() && !(conditionEstimate.getAsDouble() >= 1.0)) {
            throw new IllegalArgumentException("conditionEstimate must be >= 1 but was " + conditionEstimate);
        }
        if (!(finalCost >= 0) || !Double.isFinite(finalCost)) {
            throw new IllegalArgumentException("finalCost must be finite and >= 0 but was " + finalCost);
        }
        for (double cost : costHistory) {
            if (!Double.isFinite(cost)) {
                throw new IllegalArgumentException("costHistory holds a non-finite cost " + cost);
            }
        }
    }

    /**
     * Returns a copy of the cost after each iteration.
     *
     * @return a new array, empty for a direct solve
     */
    @Override
    public double[] costHistory() {
        return costHistory.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FitDiagnostics that
                && method.equals(that.method) && precision == that.precision && rows == that.rows
                && parameters == that.parameters && rank.equals(that.rank)
                && conditionEstimate.equals(that.conditionEstimate) && iterations == that.iterations
                && converged == that.converged && stopReason.equals(that.stopReason)
                && Double.compare(finalCost, that.finalCost) == 0
                && java.util.Arrays.equals(costHistory, that.costHistory) && notes.equals(that.notes)
                && fitTime.equals(that.fitTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, precision, rows, parameters, rank, conditionEstimate, iterations, converged,
                stopReason, finalCost, java.util.Arrays.hashCode(costHistory), notes, fitTime);
    }

    /**
     * Returns a one-line summary for logs and reports.
     *
     * @return for example {@code least squares, Householder QR (ojAlgo), DOUBLE: 354 rows, 11 parameters, rank 11,
     *         condition ~ 2.1e+01, direct solve, 1.2 ms}
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s, %s: %d rows, %d parameters, %s%s%s%s, %.3f ms%s",
                method, precision, rows, parameters,
                rank.isPresent() ? "rank " + rank.getAsInt() + ", " : "",
                conditionEstimate.isPresent()
                        ? String.format(Locale.ROOT, "condition ~ %.1e, ", conditionEstimate.getAsDouble()) : "",
                iterations > 0 ? iterations + " iterations" + (converged ? "" : " (NOT converged)") + ", " : "",
                stopReason, fitTime.toNanos() / 1e6, notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }
}
