/**
 * Solvers that fit linear models: {@link io.maas.solver.LeastSquares} (ordinary least squares through a
 * Householder QR factorisation) and the immutable {@link io.maas.solver.LinearSolution} it returns, which says
 * what happened during the fit ({@link io.maas.solver.FitDiagnostics}).
 *
 * <p>A solver either returns finite coefficients or throws a {@link io.maas.solver.SolverException} that says
 * why it cannot, such as {@link io.maas.solver.RankDeficientException} for collinear columns; it never returns
 * NaN. The linear-algebra library behind it (ojAlgo) is an implementation detail that no public type exposes.
 */
package io.maas.solver;
