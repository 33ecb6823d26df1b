package io.maas.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ojalgo.matrix.decomposition.QR;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * The one place that talks to ojAlgo's dense QR and SVD. It checks every ojAlgo result and turns booleans, NaNs and
 * exceptions into our exceptions (see the project's ojAlgo notes: a rank-deficient {@code DenseQR} returns NaN and
 * infinities silently, {@code RawQR} throws a bare {@code RuntimeException}).
 *
 * <p>Decomposition objects are stateful and not thread-safe, so each call makes its own.
 */
final class OjAlgoQr {

    /** Columns whose entry in the null vector is at least this share of the largest entry are named collinear. */
    private static final double NULL_VECTOR_SHARE = 1e-6;

    private OjAlgoQr() {
    }

    /** The least-squares solution of a scaled design, with the facts the diagnostics need. */
    record Result(double[] coefficients, double rDiagonalRatio) {
    }

    /**
     * Solves min ‖A·x − b‖₂ by Householder QR.
     *
     * @param design      the n x k design, column-major; owned by the caller's fit and not used afterwards
     * @param rows        n, at least k
     * @param rhs         the n right-hand side values
     * @param columnNames k names, used to name collinear columns
     * @param extraRank   added to the rank in messages (1 when an intercept was removed by centering)
     */
    static Result solve(double[] design, int rows, double[] rhs, List<String> columnNames, int extraRank) {
        int k = columnNames.size();
        R064Store a = R064Store.wrap(design, rows);
        QR<Double> qr = QR.R064.make(a);
        try {
            if (!qr.decompose(a) || !qr.isSolvable()) {
                throw rankDeficient(a, columnNames, extraRank);
            }
            MatrixStore<Double> solution = qr.getSolution(R064Store.FACTORY.column(rhs));
            double[] x = new double[k];
            for (int j = 0; j < k; j++) {
                x[j] = solution.doubleValue(j);
                if (!Double.isFinite(x[j])) {
                    // isSolvable() is a heuristic; a non-finite value means the factor was singular after all.
                    throw rankDeficient(a, columnNames, extraRank);
                }
            }
            return new Result(x, diagonalRatio(qr.getR(), k));
        } catch (RankDeficientException e) {
            throw e;
        } catch (RuntimeException e) {
            // RawQR (> 64 columns) signals rank deficiency with a bare RuntimeException; ProgrammingError and
            // others mean a bug on our side or in ojAlgo. Either way, never let an ojAlgo type escape.
            throw new SolverException("ojAlgo QR failed on a " + rows + " x " + k + " design: " + e);
        }
    }

    private static double diagonalRatio(MatrixStore<Double> r, int k) {
        double largest = 0.0;
        double smallest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double d = Math.abs(r.doubleValue(j, j));
            largest = Math.max(largest, d);
            smallest = Math.min(smallest, d);
        }
        return Math.max(1.0, largest / smallest);
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
