package io.maas.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The counts of (actual, predicted) label pairs: rows are actual labels, columns predicted labels, both in
 * ascending label order, as scikit-learn's {@code confusion_matrix(y_true, y_pred)}.
 *
 * <p>The labels are every distinct value in either array, so a label that is only ever predicted has a row of
 * zeros and one that is never predicted a column of zeros. Per-label metrics treat that label as positive and all
 * others as negative; ratios with a zero denominator are 0 (scikit-learn's {@code zero_division=0} default). At most
 * {@value #MAX_LABELS} distinct labels are supported, which keeps the dense matrix under 8 MiB.
 *
 * <p>An immutable value, safe to share between threads; {@link #counts()} and {@link #labels()} return copies.
 */
public final class ConfusionMatrix {

    /** The largest number of distinct labels a matrix holds. */
    public static final int MAX_LABELS = 1024;

    private final int[] labels;
    private final long[][] counts;
    private final long total;

    private ConfusionMatrix(int[] labels, long[][] counts, long total) {
        this.labels = labels;
        this.counts = counts;
        this.total = total;
    }

    /**
     * Counts the pairs of actual and predicted labels.
     *
     * @param actual    the observed labels, n &gt; 0
     * @param predicted the predicted labels, same length as {@code actual}
     * @return the confusion matrix
     * @throws IllegalArgumentException if the arrays are empty, differ in length or hold more than
     *                                  {@value #MAX_LABELS} distinct labels together
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted) {
        Inputs.requirePairs(actual, actual == null ? 0 : actual.length, "actual",
                predicted, predicted == null ? 0 : predicted.length, "predicted");
        int[] labels = distinctLabels(actual, predicted);
        if (labels.length > MAX_LABELS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "actual and predicted hold %d distinct labels; a confusion matrix supports at most %d",
                    labels.length, MAX_LABELS));
        }
        long[][] counts = new long[labels.length][labels.length];
        for (int i = 0; i < actual.length; i++) {
            counts[Arrays.binarySearch(labels, actual[i])][Arrays.binarySearch(labels, predicted[i])]++;
        }
        return new ConfusionMatrix(labels, counts, actual.length);
    }

    /**
     * Returns the labels in ascending order: the row and column order of {@link #counts()}.
     *
     * @return a copy of the labels, at least one
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Returns the counts, {@code counts()[i][j]} being the number of pairs with actual label {@code labels()[i]}
     * and predicted label {@code labels()[j]}.
     *
     * @return a copy of the k x k counts, k = {@code labels().length}
     */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /**
     * Returns the number of pairs with the given actual and predicted labels.
     *
     * @param actualLabel    an actual label
     * @param predictedLabel a predicted label
     * @return the count, &ge; 0
     * @throws IllegalArgumentException if a label is not one of {@link #labels()}
     */
    public long count(int actualLabel, int predictedLabel) {
        return counts[indexOf(actualLabel)][indexOf(predictedLabel)];
    }

    /**
     * Returns the number of pairs counted.
     *
     * @return n &gt; 0
     */
    public long total() {
        return total;
    }

    /**
     * Returns the fraction of pairs whose prediction is right: the trace over the total.
     *
     * @return the accuracy in [0, 1]
     */
    public double accuracy() {
        return (double) trace() / total;
    }

    /**
     * Returns the support of a label, the number of pairs whose actual label it is.
     *
     * @param label one of {@link #labels()}
     * @return the row sum of that label, &ge; 0
     * @throws IllegalArgumentException if the label is not one of {@link #labels()}
     */
    public long support(int label) {
        return Arrays.stream(counts[indexOf(label)]).sum();
    }

    /**
     * Returns the precision of one label, TP / (TP + FP), or 0 if it is never predicted.
     *
     * @param label one of {@link #labels()}, taken as positive
     * @return the precision in [0, 1]
     * @throws IllegalArgumentException if the label is not one of {@link #labels()}
     */
    public double precision(int label) {
        return outcomes(indexOf(label)).precision();
    }

    /**
     * Returns the recall of one label, TP / (TP + FN), or 0 if it never occurs in the actual labels.
     *
     * @param label one of {@link #labels()}, taken as positive
     * @return the recall in [0, 1]
     * @throws IllegalArgumentException if the label is not one of {@link #labels()}
     */
    public double recall(int label) {
        return outcomes(indexOf(label)).recall();
    }

    /**
     * Returns the F1 score of one label, 2·P·R / (P + R), or 0 if P + R = 0.
     *
     * @param label one of {@link #labels()}, taken as positive
     * @return F1 in [0, 1]
     * @throws IllegalArgumentException if the label is not one of {@link #labels()}
     */
    public double f1(int label) {
        return outcomes(indexOf(label)).f1();
    }

    /**
     * Returns the precision averaged over all labels.
     *
     * @param average how the per-label values combine
     * @return the averaged precision in [0, 1]
     */
    public double precision(Average average) {
        return average(average, BinaryOutcomes::precision);
    }

    /**
     * Returns the recall averaged over all labels.
     *
     * @param average how the per-label values combine
     * @return the averaged recall in [0, 1]
     */
    public double recall(Average average) {
        return average(average, BinaryOutcomes::recall);
    }

    /**
     * Returns F1 averaged over all labels. For {@link Average#MICRO} it is the F1 of the pooled precision and
     * recall; for the others the average of the per-label F1 scores (not the F1 of averaged precision and recall).
     *
     * @param average how the per-label values combine
     * @return the averaged F1 in [0, 1]
     */
    public double f1(Average average) {
        return average(average, BinaryOutcomes::f1);
    }

    private double average(Average average, ToDoubleFunction<BinaryOutcomes> metric) {
        switch (average) {
            case MICRO:
                // Pooled over labels: every pair is one prediction, so TP + FP = TP + FN = total.
                return metric.applyAsDouble(new BinaryOutcomes(trace(), total - trace(), total - trace()));
            case MACRO: {
                CompensatedSum sum = new CompensatedSum();
                for (int i = 0; i < labels.length; i++) {
                    sum.add(metric.applyAsDouble(outcomes(i)));
                }
                return sum.value() / labels.length;
            }
            case WEIGHTED: {
                CompensatedSum sum = new CompensatedSum();
                for (int i = 0; i < labels.length; i++) {
                    sum.add(metric.applyAsDouble(outcomes(i)) * Arrays.stream(counts[i]).sum());
                }
                return sum.value() / total;
            }
            default:
                throw new IllegalArgumentException("unknown average " + average);
        }
    }

    private BinaryOutcomes outcomes(int index) {
        long truePositives = counts[index][index];
        long predictedPositive = 0;
        long actualPositive = 0;
        for (int i = 0; i < labels.length; i++) {
            predictedPositive += counts[i][index];
            actualPositive += counts[index][i];
        }
        return new BinaryOutcomes(truePositives, predictedPositive - truePositives, actualPositive - truePositives);
    }

    private long trace() {
        long sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum += counts[i][i];
        }
        return sum;
    }

    private int indexOf(int label) {
        int index = Arrays.binarySearch(labels, label);
        if (index < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "label %d is not one of the labels %s", label, Arrays.toString(labels)));
        }
        return index;
    }

    static int[] distinctLabels(int[] actual, int[] predicted) {
        int[] all = Arrays.copyOf(actual, actual.length + predicted.length);
        System.arraycopy(predicted, 0, all, actual.length, predicted.length);
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[distinct - 1]) {
                all[distinct++] = all[i];
            }
        }
        return Arrays.copyOf(all, distinct);
    }

    /**
     * Two matrices are equal when they have the same labels and the same counts.
     *
     * @param other another object
     * @return whether {@code other} is a confusion matrix with the same labels and counts
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix that
                && Arrays.equals(labels, that.labels) && Arrays.deepEquals(counts, that.counts);
    }

    /**
     * Returns a hash of the labels and counts, consistent with {@link #equals}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Arrays.deepHashCode(counts);
    }

    /**
     * Returns the matrix as text, such as {@code labels [0, 1]: [[17, 8], [5, 20]] (rows actual, columns
     * predicted)}.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return "labels " + Arrays.toString(labels) + ": " + Arrays.deepToString(counts)
                + " (rows actual, columns predicted)";
    }
}
