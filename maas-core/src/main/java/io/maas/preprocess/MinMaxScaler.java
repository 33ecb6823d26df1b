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

    /**
     * Rebuilds a fitted min-max scaler from its learned parameters, as a model file stores them.
     *
     * @param names    the p column names, distinct
     * @param minimums p finite training minimums
     * @param ranges   p finite divisors, each &gt; 0
     * @return the scaler; the arrays are copied
     * @throws IllegalArgumentException if the sizes differ or are 0, a name repeats, or a value is out of range
     */
    public static MinMaxScaler of(List<String> names, double[] minimums, double[] ranges) {
        requireShape(names, minimums, ranges, "minimums", "ranges");
        return new MinMaxScaler(names, minimums, ranges);
    }
}
