package io.maas.metrics;

/**
 * How per-label precision, recall and F1 combine into one number for a multi-class problem, as scikit-learn's
 * {@code average=} parameter.
 */
public enum Average {

    /** The unweighted mean over labels: every label counts the same, however rare. */
    MACRO,

    /**
     * The metric of the pooled counts (all true positives over all predictions); with every label included this
     * equals accuracy for precision, recall and F1 alike.
     */
    MICRO,

    /** The mean over labels weighted by support, the number of actual occurrences of each label. */
    WEIGHTED
}
