package io.maas.internal;

/**
 * A fitted stage whose output column j is exactly {@code (x_j − offset_j) / scale_j}, one IEEE subtraction and one
 * division per value, with the same columns in and out. The pipeline uses it to predict through such a stage and a
 * linear model in one loop, without a buffer, to the same bits. Internal: not exported.
 */
public interface AffineColumns {

    /**
     * Returns the offsets.
     *
     * @return a new array, one finite value per column
     */
    double[] offsets();

    /**
     * Returns the scales.
     *
     * @return a new array, one finite positive value per column
     */
    double[] scales();
}
