package io.maas.model;

/** What a model predicts, which decides the metrics that can evaluate it. */
public enum Task {
    /** A real-valued target. */
    REGRESSION,
    /** A binary label, 0 or 1, predicted through a probability and a threshold. */
    CLASSIFICATION
}
