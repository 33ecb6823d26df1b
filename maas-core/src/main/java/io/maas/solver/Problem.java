package io.maas.solver;

import io.maas.data.Dataset;
import java.util.List;

/**
 * One validated least-squares problem: minimise Σ w_i (y_i − b − x_iᵀβ)² + ridge·‖β‖², with b = 0 when no intercept
 * is fitted and w_i = 1 when unweighted. Parameters are numbered with the intercept first (if fitted), then the
 * features in dataset order.
 *
 * @param data      the features and the target
 * @param target    the target values as an array, copied from {@code data} when first needed ({@link #y()})
 * @param weights   n finite weights &ge; 0 with a positive sum, owned; null when unweighted
 * @param intercept whether b is fitted
 * @param ridge     the L2 penalty on β, &ge; 0 (the intercept is not penalised)
 * @param low       the low-order parts of the features when the design was evaluated in double-double precision
 *                  (exact feature = data value + low), row-major n x p; null when the features are exact doubles
 */
record Problem(Dataset data, Target target, double[] weights, Intercept intercept, double ridge, double[] low) {

    Problem(Dataset data, double[] weights, Intercept intercept, double ridge, double[] low) {
        this(data, new Target(data), weights, intercept, ridge, low);
    }

    Problem(Dataset data, double[] weights, Intercept intercept, double ridge) {
        this(data, weights, intercept, ridge, null);
    }

    /**
     * The n target values, copied from the data on the first call and shared after: read only. The normal-equations
     * path reads the target from the data itself and never calls this, which spares it a copy of n values (1 ms of a
     * 35 ms fit at 1M x 20, on the calling thread while the others wait).
     */
    double[] y() {
        return target.values();
    }

    /** The target of a dataset as an array, copied once when first asked for; safe to share between threads. */
    static final class Target {

        private final Dataset data;
        private volatile double[] values;

        Target(Dataset data) {
            this.data = data;
        }

        double[] values() {
            double[] copy = values;
            if (copy == null) {
                copy = data.target(); // two threads may both copy: the same values, and either copy serves
                values = copy;
            }
            return copy;
        }
    }

    /** Copies the low-order parts of row i into destination at offset (zeros when there are none). */
    void copyLowRow(int row, double[] destination, int offset) {
        int p = features();
        if (low == null) {
            java.util.Arrays.fill(destination, offset, offset + p, 0.0);
        } else {
            System.arraycopy(low, row * p, destination, offset, p);
        }
    }

    int rows() {
        return data.rowCount();
    }

    int features() {
        return data.featureCount();
    }

    /** The number of parameters: features, plus the intercept if fitted. */
    int parameters() {
        return features() + (hasIntercept() ? 1 : 0);
    }

    boolean hasIntercept() {
        return intercept == Intercept.FIT;
    }

    double weight(int row) {
        return weights == null ? 1.0 : weights[row];
    }

    List<String> featureNames() {
        return data.featureNames();
    }

    /** Parameter names: "(intercept)" first when fitted, then the features. */
    String parameterName(int parameter) {
        if (hasIntercept()) {
            return parameter == 0 ? "(intercept)" : featureNames().get(parameter - 1);
        }
        return featureNames().get(parameter);
    }
}
