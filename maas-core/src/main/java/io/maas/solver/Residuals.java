package io.maas.solver;

/**
 * Residual sums of squares computed as accurately as the parameters allow: each residual
 * r_i = y_i − b − x_iᵀβ is accumulated with {@link Dot2} from the parameters given as a double-double pair
 * (high + low), then rounded once, so near-exact fits (NIST Wampler1 and 2) give residuals at the level of the data's
 * rounding, not of the cancellation in y_i − ŷ_i.
 */
final class Residuals {

    private Residuals() {
    }

    /** Returns Σ w_i r_i² for parameters θ = high + low (intercept first when fitted). */
    static double sumOfSquares(Problem problem, double[] high, double[] low) {
        int p = problem.features();
        int offset = problem.hasIntercept() ? 1 : 0;
        double[] row = new double[p];
        double[] rowLow = new double[p];
        Dot2 sse = new Dot2();
        for (int i = 0; i < problem.rows(); i++) {
            problem.data().copyRow(i, row, 0);
            problem.copyLowRow(i, rowLow, 0);
            Dot2 residual = new Dot2();
            residual.add(problem.y()[i]);
            if (offset == 1) {
                residual.add(-high[0]);
                residual.add(-low[0]);
            }
            for (int j = 0; j < p; j++) {
                residual.addProduct(-row[j], high[j + offset], low[j + offset]);
                residual.addProduct(-rowLow[j], high[j + offset]);
            }
            double r = residual.value();
            sse.addProduct(problem.weight(i) * r, r);
        }
        return Math.max(0.0, sse.value());
    }

    /** Returns Σ w_i (y_i − ȳ_w)² with an intercept, Σ w_i y_i² without (the R² denominators). */
    static double totalSumOfSquares(Problem problem) {
        double[] y = problem.y();
        double mean = 0;
        if (problem.hasIntercept()) {
            Dot2 sum = new Dot2();
            Dot2 weight = new Dot2();
            for (int i = 0; i < y.length; i++) {
                sum.addProduct(problem.weight(i), y[i]);
                weight.add(problem.weight(i));
            }
            mean = sum.value() / weight.value();
        }
        Dot2 total = new Dot2();
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - mean;
            total.addProduct(problem.weight(i) * d, d);
        }
        return total.value();
    }
}
