package io.maas.solver;

/**
 * Thrown (as a {@link SolverException}) when a problem has more parameters than the direct solver accepts; the
 * {@link RankPolicy} decides what happens, as for a rank-deficient design.
 */
final class DirectLimitException extends SolverException {

    private static final long serialVersionUID = 1L;

    DirectLimitException(String message) {
        super(message);
    }
}
