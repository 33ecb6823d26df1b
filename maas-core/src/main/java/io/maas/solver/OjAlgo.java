package io.maas.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.decomposition.QR;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * The one place that talks to ojAlgo (dense QR, Cholesky and SVD in double precision). It checks every ojAlgo result
 * and turns booleans, NaNs and exceptions into ours: a rank-deficient {@code DenseQR} returns NaN and infinities
 * silently and {@code RawQR} (more than 64 columns) throws a bare {@code RuntimeException}, so {@code isSolvable()}
 * is checked first and every value read back is checked for finiteness.
 *
 * <p>Decomposition objects are stateful and not thread-safe, so each call makes its own. No ojAlgo type leaves this
 * class.
 */
final class OjAlgo {

    /** Columns whose entry in the null vector is at least this share of the largest entry are named collinear. */
    private static final double NULL_VECTOR_SHARE = 1e-6;

    private OjAlgo() {
    }

    /**
     * The least-squares solution of a design, with its triangular factor.
     *
     * @param solution x minimising ‖A·x − b‖₂, k values
     * @param r        the k x k upper triangular factor R of A = QR, row-major {@code r[i][j]}
     */
    record QrSolution(double[] solution, double[][] r) {
    }

    /**
     * Solves min ‖A·x − b‖₂ by Householder QR.
     *
     * @param design      the m x k design, column-major; not modified
     * @param rows        m, at least k
     * @param rhs         the m right-hand side values
     * @param columnNames k names, used to name collinear columns
     * @param extraRank   added to the rank in messages (1 when an intercept was removed by centering)
     * @throws RankDeficientException if A does not have full column rank
     */
    static QrSolution leastSquares(double[] design, int rows, double[] rhs, List<String> columnNames,
                                   int extraRank) {
        int k = columnNames.size();
        R064Store a = R064Store.wrap(design, rows);
        QR<Double> qr = QR.R064.make(a);
        try {
            if (!qr.decompose(a) || !qr.isSolvable()) {
                throw rankDeficient(a, columnNames, extraRank);
            }
            MatrixStore<Double> x = qr.getSolution(R064Store.FACTORY.column(rhs));
            MatrixStore<Double> rStore = qr.getR();
            double[] solution = new double[k];
            double[][] r = new double[k][k];
            for (int i = 0; i < k; i++) {
                solution[i] = x.doubleValue(i);
                for (int j = i; j < k; j++) {
                    r[i][j] = rStore.doubleValue(i, j);
                }
                if (!Double.isFinite(solution[i]) || !(Math.abs(r[i][i]) > 0)) {
                    // isSolvable() is a heuristic; a non-finite value means the factor was singular after all.
                    throw rankDeficient(a, columnNames, extraRank);
                }
            }
            return new QrSolution(solution, r);
        } catch (SolverException e) {
            throw e;
        } catch (RuntimeException e) {
            // RawQR signals rank deficiency with a bare RuntimeException; ProgrammingError and others mean a bug on
            // our side or in ojAlgo. Either way, never let an ojAlgo type escape.
            throw new SolverException("ojAlgo QR failed on a " + rows + " x " + k + " design: " + e);
        }
    }

    /**
     * Solves A·x = b for a symmetric positive definite k x k matrix A by Cholesky.
     *
     * @param a row-major k x k, symmetric; not modified
     * @param b k values
     * @return x, finite
     * @throws SolverException if A is not (numerically) positive definite
     */
    static double[] solvePositiveDefinite(double[] a, double[] b) {
        int k = b.length;
        R064Store matrix = R064Store.FACTORY.make(k, k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                matrix.set(i, j, a[i * k + j]);
            }
        }
        Cholesky<Double> cholesky = Cholesky.R064.make(matrix);
        try {
            if (!cholesky.decompose(matrix) || !cholesky.isSolvable()) {
                throw new SolverException("the " + k + " x " + k + " system is not positive definite to working "
                        + "precision (Cholesky failed)");
            }
            MatrixStore<Double> x = cholesky.getSolution(R064Store.FACTORY.column(b));
            double[] solution = new double[k];
            for (int i = 0; i < k; i++) {
                solution[i] = x.doubleValue(i);
                if (!Double.isFinite(solution[i])) {
                    throw new SolverException("the Cholesky solution has a non-finite value at " + i);
                }
            }
            return solution;
        } catch (SolverException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SolverException("ojAlgo Cholesky failed on a " + k + " x " + k + " system: " + e);
        }
    }

    /**
     * The Cholesky factor of a symmetric positive definite matrix, A = L·Lᵀ.
     *
     * @param symmetric the k x k matrix with both triangles filled (so row- and column-major agree); owned by the
     *                  caller and not modified
     * @param k         the order
     * @return L as k rows, row i holding its i + 1 entries; empty when ojAlgo finds A not positive definite or a
     *         pivot is not finite and positive
     */
    static Optional<double[][]> cholesky(double[] symmetric, int k) {
        R064Store a = R064Store.wrap(symmetric, k);
        Cholesky<Double> cholesky = Cholesky.R064.make(a);
        try {
            if (!cholesky.decompose(a) || !cholesky.isSPD()) {
                return Optional.empty();
            }
            MatrixStore<Double> l = cholesky.getL();
            double[][] lower = new double[k][];
            for (int i = 0; i < k; i++) {
                lower[i] = new double[i + 1];
                for (int j = 0; j <= i; j++) {
                    lower[i][j] = l.doubleValue(i, j);
                    if (!Double.isFinite(lower[i][j])) {
                        return Optional.empty();
                    }
                }
                if (!(lower[i][i] > 0)) {
                    return Optional.empty();
                }
            }
            return Optional.of(lower);
        } catch (RuntimeException e) {
            throw new SolverException("ojAlgo Cholesky failed on a " + k + " x " + k + " matrix: " + e);
        }
    }

    /**
     * The minimum-norm least-squares solution, min ‖x‖₂ among the minimisers of ‖A·x − b‖₂, from the SVD with
     * singular values below ojAlgo's rank threshold treated as zero.
     *
     * @param solution the minimum-norm solution, k values
     * @param rank     the numerical rank of A
     */
    record MinimumNormSolution(double[] solution, int rank) {
    }

    static MinimumNormSolution minimumNorm(double[] design, int rows, double[] rhs) {
        int k = design.length / rows;
        R064Store a = R064Store.wrap(design, rows);
        SingularValue<Double> svd = SingularValue.R064.make(a);
        try {
            if (!svd.decompose(a)) {
                throw new SolverException("the SVD of the " + rows + " x " + k + " design did not converge");
            }
            MatrixStore<Double> x = svd.getSolution(R064Store.FACTORY.column(rhs));
            double[] solution = new double[k];
            for (int j = 0; j < k; j++) {
                solution[j] = x.doubleValue(j);
                if (!Double.isFinite(solution[j])) {
                    throw new SolverException("the minimum-norm solution has a non-finite value at column " + j);
                }
            }
            return new MinimumNormSolution(solution, svd.getRank());
        } catch (SolverException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SolverException("ojAlgo SVD failed on a " + rows + " x " + k + " design: " + e);
        }
    }

    /** Uses the SVD, the reliable rank revealer, to report the rank and the columns of a null vector. */
    private static RankDeficientException rankDeficient(R064Store a, List<String> columnNames, int extraRank) {
        int k = columnNames.size();
        SingularValue<Double> svd = SingularValue.R064.make(a);
        if (!svd.decompose(a)) {
            return new RankDeficientException(extraRank, k + extraRank, List.of(),
                    "the SVD used to find the rank did not converge");
        }
        int rank = Math.min(svd.getRank(), k - 1);
        MatrixStore<Double> v = svd.getV();
        // Singular values are ordered, largest first: the last right singular vector spans (part of) the null space.
        int last = k - 1;
        double largest = 0.0;
        for (int j = 0; j < k; j++) {
            largest = Math.max(largest, Math.abs(v.doubleValue(j, last)));
        }
        List<String> involved = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (Math.abs(v.doubleValue(j, last)) >= NULL_VECTOR_SHARE * largest) {
                involved.add(columnNames.get(j));
            }
        }
        return new RankDeficientException(rank + extraRank, k + extraRank, involved, String.format(Locale.ROOT,
                "smallest singular value %.3e of the column-scaled design; remove or combine the collinear columns",
                svd.getSingularValues().doubleValue(last)));
    }
}
