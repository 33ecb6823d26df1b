package io.maas.monitor;

import io.maas.metrics.ClassificationMetrics;
import io.maas.metrics.RegressionMetrics;
import java.util.Locale;

/**
 * The last {@code capacity} feedback pairs (predicted, actual), a ring buffer, and the quality they give.
 *
 * <p>Guarded by its own monitor: feedback and snapshots are rare next to predictions and never touch the predict
 * path, so a lock held for a few array stores (or one copy of the window) costs nothing where it matters. The
 * metrics are computed from a copy, outside the lock, exactly (compensated sums) rather than from running sums that
 * subtract the leaving pair and drift.
 */
final class FeedbackWindow {

    private final double[] predicted;
    private final double[] actual;
    private int next;
    private int size;
    private long received;

    FeedbackWindow(int capacity) {
        this.predicted = new double[capacity];
        this.actual = new double[capacity];
    }

    /** Adds pairs that the caller has validated, oldest first. */
    synchronized void add(double[] predictedValues, double[] actualValues) {
        for (int i = 0; i < predictedValues.length; i++) {
            predicted[next] = predictedValues[i];
            actual[next] = actualValues[i];
            next = next + 1 == predicted.length ? 0 : next + 1;
        }
        size = (int) Math.min(predicted.length, (long) size + predictedValues.length);
        received += predictedValues.length;
    }

    /** The regression quality of the pairs in the window now. */
    RegressionQuality regression() {
        Copy copy = copy();
        if (copy.predicted.length == 0) {
            return new RegressionQuality(copy.received, predicted.length, 0, 0.0, 0.0);
        }
        return new RegressionQuality(copy.received, predicted.length, copy.predicted.length,
                RegressionMetrics.meanSquaredError(copy.actual, copy.predicted),
                RegressionMetrics.meanAbsoluteError(copy.actual, copy.predicted));
    }

    /** The classification quality of the pairs in the window now, which hold labels 0 and 1. */
    ClassificationQuality classification() {
        Copy copy = copy();
        int n = copy.predicted.length;
        if (n == 0) {
            return new ClassificationQuality(copy.received, predicted.length, 0, 0.0, 0.0, 0.0);
        }
        int[] predictedLabels = new int[n];
        int[] actualLabels = new int[n];
        for (int i = 0; i < n; i++) {
            predictedLabels[i] = (int) copy.predicted[i];
            actualLabels[i] = (int) copy.actual[i];
        }
        return new ClassificationQuality(copy.received, predicted.length, n,
                ClassificationMetrics.accuracy(actualLabels, predictedLabels),
                ClassificationMetrics.precision(actualLabels, predictedLabels, 1),
                ClassificationMetrics.recall(actualLabels, predictedLabels, 1));
    }

    private synchronized Copy copy() {
        double[] p = new double[size];
        double[] a = new double[size];
        // The window's oldest pair sits at next once it has wrapped, at 0 before.
        int start = size < predicted.length ? 0 : next;
        int head = Math.min(size, predicted.length - start);
        System.arraycopy(predicted, start, p, 0, head);
        System.arraycopy(actual, start, a, 0, head);
        System.arraycopy(predicted, 0, p, head, size - head);
        System.arraycopy(actual, 0, a, head, size - head);
        return new Copy(p, a, received);
    }

    static void requireCounts(long received, int capacity, int pairs) {
        if (capacity < 1 || pairs < 0 || pairs > capacity || received < pairs) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "feedback counts must satisfy capacity >= 1, 0 <= pairs <= capacity and received >= pairs but"
                            + " were capacity=%d pairs=%d received=%d", capacity, pairs, received));
        }
    }

    static String describe(long received, int capacity, int pairs) {
        return String.format(Locale.ROOT, "last %d of %d feedback pairs (window %d)", pairs, received, capacity);
    }

    private record Copy(double[] predicted, double[] actual, long received) {
    }
}
