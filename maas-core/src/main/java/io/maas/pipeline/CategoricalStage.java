package io.maas.pipeline;

import java.util.List;

/**
 * A fitted stage that also reads the categorical (string) columns and turns them into numbers, such as a one-hot
 * encoder. A pipeline carries the categorical values of a row past the stages before it, which see only numeric
 * columns, and hands them to this stage; after it, every column is numeric. A pipeline has at most one.
 */
public interface CategoricalStage extends FittedStage {

    /**
     * Returns the names of the categorical columns this stage reads, in order.
     *
     * @return an unmodifiable list
     */
    List<String> categoricalInputNames();

    /**
     * Transforms one row without allocating.
     *
     * @param numeric    the values of {@link #inputNames()}; not modified
     * @param categories the values of {@link #categoricalInputNames()}, null for a missing value; not modified
     * @param output     an array of at least {@code outputNames().size()} values, written from index 0
     * @throws IllegalArgumentException if a category cannot be encoded (the message names the column and value)
     */
    void transform(double[] numeric, String[] categories, double[] output);

    /**
     * Always fails: this stage needs the categorical values too.
     *
     * @param input  ignored
     * @param output ignored
     * @throws IllegalStateException always
     */
    @Override
    default void transform(double[] input, double[] output) {
        throw new IllegalStateException(this + " also needs the categorical values " + categoricalInputNames());
    }
}
