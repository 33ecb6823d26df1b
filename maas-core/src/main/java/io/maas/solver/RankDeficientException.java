package io.maas.solver;

import java.util.List;
import java.util.Locale;

/**
 * Thrown when the design matrix does not have full column rank, so least squares has no unique solution: some
 * columns are (numerically) linear combinations of others, such as a duplicated or a constant column.
 */
public final class RankDeficientException extends SolverException {

    private static final long serialVersionUID = 1L;

    /** The numerical rank, counting the intercept. */
    private final int rank;
    /** The number of parameters, counting the intercept. */
    private final int parameters;
    /** The feature columns in a linear dependence. */
    private final List<String> collinearColumns;

    RankDeficientException(int rank, int parameters, List<String> collinearColumns, String detail) {
        super(String.format(Locale.ROOT,
                "the design matrix is rank deficient: rank %d < %d parameters%s; %s",
                rank, parameters,
                collinearColumns.isEmpty() ? "" : " (collinear columns: " + String.join(", ", collinearColumns) + ")",
                detail));
        this.rank = rank;
        this.parameters = parameters;
        this.collinearColumns = List.copyOf(collinearColumns);
    }

    /**
     * Returns the numerical rank of the design, counting the intercept column if one is fitted.
     *
     * @return the rank, less than {@link #parameters()}
     */
    public int rank() {
        return rank;
    }

    /**
     * Returns the number of parameters the model has: one per feature, plus the intercept if fitted.
     *
     * @return the number of parameters
     */
    public int parameters() {
        return parameters;
    }

    /**
     * Returns the names of the feature columns involved in a linear dependence, if they could be identified.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> collinearColumns() {
        return collinearColumns;
    }
}
