package io.maas.solver;

import io.maas.data.Dataset;
import java.util.List;

/**
 * One validated least-squares problem: minimise Σ w_i (y_i − b − x_iᵀβ)² + ridge·‖β‖², with b = 0 when no intercept
 * is fitted and w_i = 1 when unweighted. Parameters are numbered with the intercept first (if fitted), then the
 * features in dataset order.
 *
 * @param data      the features (and the target, also held in {@code y})
 * @param y         the n target values, owned
 * @param weights   n finite weights &ge; 0 with a positive sum, owned; null when unweighted
 * @param intercept whether b is fitted
 * @param ridge     the L2 penalty on β, &ge; 0 (the intercept is not penalised)
 * @param low       the low-order parts of the features when the design was evaluated in double-double precision
 *                  (exact feature = data value + low), row-major n x p; null when the features are exact doubles
 */
record Problem(Dataset data, double[] y, double[] weights, Intercept intercept, double ridge, double[] low) {

    Problem(Dataset data, double[] y, double[] weights, Intercept intercept, double ridge) {
        this(data, y, weights, intercept, ridge, null);
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
