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
}
