package io.maas.solver;

/**
 * What a least-squares fit does when the design has no unique solution: a rank-deficient design (duplicated,
 * constant or collinear columns, or fewer rows than parameters) or one with more features than the direct solver
 * accepts. Whatever the choice, the result's diagnostics record what happened.
 */
public enum RankPolicy {
    /** Throw {@link RankDeficientException} naming the rank and the collinear columns. */
    FAIL,
    /**
     * Return the minimum-norm least-squares solution (SVD, singular values below the rank threshold treated as zero),
     * which gives the same predictions as any other least-squares solution. Inference statistics are omitted.
     */
    MINIMUM_NORM,
    /**
     * Fall back to gradient descent on J(θ), logging one WARN line naming the collinear columns. Starting from zero,
     * gradient descent converges to a least-squares solution (in its internal standardised coordinates, the one of
     * minimum norm). The default, as the project's design asks: direct solve, gradient-descent fallback.
     */
    GRADIENT_DESCENT
}
