package io.maas.preprocess;

import java.util.List;

/**
 * Fitted min-max scaling, z = (x − min) / (max − min) per column; immutable and thread-safe. Made by
 * {@link Scale#minMax()}.
 */
public final class MinMaxScaler extends AffineScaler {

    MinMaxScaler(List<String> names, double[] minimums, double[] ranges) {
        super(names, minimums, ranges);
    }

    /**
     * Returns the training minimum of each column.
     *
     * @return a new array
     */
    public double[] minimums() {
        return offsets();
    }

    /**
     * Returns the divisors: max − min of each column, or 1 for a constant column.
     *
     * @return a new array
     */
    public double[] ranges() {
        return scales();
    }

    @Override
    public String toString() {
        return "MinMaxScaler" + inputNames();
    }
}
