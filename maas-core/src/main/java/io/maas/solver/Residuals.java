package io.maas.solver;

/**
 * Residual sums of squares computed as accurately as the parameters allow: each residual
 * r_i = y_i − b − x_iᵀβ is accumulated with {@link Dot2} from the parameters given as a double-double pair
 * (high + low), then rounded once, so near-exact fits (NIST Wampler1 and 2) give residuals at the level of the data's
 * rounding, not of the cancellation in y_i − ŷ_i.
 */
final class Residuals {

    /** Independent partial sums of {@link #totalSumOfSquares}: enough long lanes for C2 to vectorise across. */
    private static final int SLOTS = 256;

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

    /**
     * Returns Σ w_i (y_i − ȳ_w)² with an intercept, Σ w_i y_i² without (the R² denominators), compensated as
     * {@link Dot2} but in {@value #SLOTS} independent partial sums, so that the loops vectorise (1M rows: 3.9 to
     * 2.7 ms); the slots are added in a fixed order.
     */
    static double totalSumOfSquares(Problem problem) {
        double[] y = problem.y();
        double[] w = problem.weights();
        double mean = 0;
        if (problem.hasIntercept()) {
            mean = w == null ? sumOfProducts(y, null) / y.length : sumOfProducts(w, y) / sumOfProducts(w, null);
        }
        return sumOfWeightedSquares(y, w, mean);
    }

    /** Σ a_i·b_i (Σ a_i when b is null): each product split exactly with FMA, each addition with TwoSum. */
    private static double sumOfProducts(double[] a, double[] b) {
        double[] high = new double[SLOTS];
        double[] low = new double[SLOTS];
        for (int start = 0; start < a.length; start += SLOTS) {
            int count = Math.min(SLOTS, a.length - start);
            for (int r = 0; r < count; r++) {
                double x = a[start + r];
                double factor = b == null ? 1.0 : b[start + r];
                double product = x * factor;
                addSlot(high, low, r, product, Math.fma(x, factor, -product));
            }
        }
        return total(high, low);
    }

    /** Σ (w_i·d_i)·d_i with d_i = y_i − center (unit weights when w is null), compensated as above. */
    private static double sumOfWeightedSquares(double[] y, double[] w, double center) {
        double[] high = new double[SLOTS];
        double[] low = new double[SLOTS];
        for (int start = 0; start < y.length; start += SLOTS) {
            int count = Math.min(SLOTS, y.length - start);
            for (int r = 0; r < count; r++) {
                double d = y[start + r] - center;
                double x = w == null ? d : w[start + r] * d;
                double product = x * d;
                addSlot(high, low, r, product, Math.fma(x, d, -product));
            }
        }
        return total(high, low);
    }

    /** Adds product + error to slot r: TwoSum keeps the addition's rounding error in the low part. */
    private static void addSlot(double[] high, double[] low, int r, double product, double error) {
        double h = high[r];
        double sum = h + product;
        double bent = sum - h;
        low[r] = low[r] + (((h - (sum - bent)) + (product - bent)) + error);
        high[r] = sum;
    }

    /** The slots' total, added in slot order with TwoSum, rounded once. */
    private static double total(double[] high, double[] low) {
        double[] total = new double[2];
        addSlotsInOrder(high, low, high.length, total);
        return total[0];
    }

    /**
     * Σ (high_r + low_r) over the first {@code slots} slots, in slot order with TwoSum, into {@code total} as the
     * normalised pair (sum, remainder): the reduction the compensated per-slot sums here and in {@link
     * RefinementAccumulator} share.
     */
    static void addSlotsInOrder(double[] high, double[] low, int slots, double[] total) {
        double s = 0;
        double c = 0;
        for (int r = 0; r < slots; r++) {
            double t = s + high[r];
            double z = t - s;
            c += ((s - (t - z)) + (high[r] - z)) + low[r];
            s = t;
        }
        double sum = s + c;
        double z = sum - s;
        total[0] = sum;
        total[1] = (s - (sum - z)) + (c - z);
    }
}
