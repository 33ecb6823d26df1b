package io.maas.internal;

import io.maas.data.Dataset;
import io.maas.solver.LinearSolution;

/**
 * A least-squares solver that accepts a design evaluated in double-double precision (see {@link ExtendedTransform}).
 * Internal: not exported.
 */
public interface ExtendedSolver {

    /**
     * Fits a design whose feature (i, j) is exactly {@code data.feature(i, j) + low[i * p + j]}.
     *
     * @param data the design rounded to double, with its target; not modified
     * @param low  the low-order parts, row-major n x p; not modified
     * @return the solution
     */
    LinearSolution solveExtended(Dataset data, double[] low);
}
