package io.maas.monitor;

/**
 * How good a model's predictions were over its rolling feedback window: {@link RegressionQuality} for a regression
 * model, {@link ClassificationQuality} for a classifier. An immutable value.
 *
 * <p>While the window is empty ({@link #pairs()} is 0) every metric is 0: check the count before reading them.
 */
public sealed interface Quality permits RegressionQuality, ClassificationQuality {

    /**
     * Returns the number of feedback pairs received since the monitor started, including those that have left the
     * window.
     *
     * @return the count, &ge; {@link #pairs()}
     */
    long received();

    /**
     * Returns the most pairs the window holds; beyond it the oldest pair leaves as a new one arrives.
     *
     * @return the capacity, &ge; 1
     */
    int capacity();

    /**
     * Returns the number of pairs in the window, the most recent ones, that the metrics are computed over.
     *
     * @return the count, in [0, {@link #capacity()}]
     */
    int pairs();
}
