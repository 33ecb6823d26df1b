package io.maas.preprocess;

import java.util.List;

/**
 * Fitted standard scaling, z = (x − mean) / sd per column; immutable and thread-safe. Made by {@link Scale#standard()}.
 */
public final class StandardScaler extends AffineScaler {

    StandardScaler(List<String> names, double[] means, double[] standardDeviations) {
        super(names, means, standardDeviations);
    }

    /**
     * Returns the training means, one per column.
     *
     * @return a new array
     */
    public double[] means() {
        return offsets();
    }

    /**
     * Returns the divisors: the population standard deviation of each column, or 1 for a constant column.
     *
     * @return a new array
     */
    public double[] standardDeviations() {
        return scales();
    }

    @Override
    public String toString() {
        return "StandardScaler" + inputNames();
    }

    /**
     * Rebuilds a fitted standard scaler from its learned parameters, as a model file stores them.
     *
     * @param names              the p column names, distinct
     * @param means              p finite means
     * @param standardDeviations p finite divisors, each &gt; 0
     * @return the scaler; the arrays are copied
     * @throws IllegalArgumentException if the sizes differ or are 0, a name repeats, or a value is out of range
     */
    public static StandardScaler of(List<String> names, double[] means, double[] standardDeviations) {
        requireShape(names, means, standardDeviations, "means", "standardDeviations");
        return new StandardScaler(names, means, standardDeviations);
    }
}
