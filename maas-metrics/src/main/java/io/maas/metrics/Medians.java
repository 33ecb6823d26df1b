package io.maas.metrics;

import java.util.Arrays;

/**
 * Medians of absolute errors, with and without weights, as scikit-learn 1.2.1 computes them.
 *
 * <p>Without weights: numpy's median, the middle value or the mean of the two middle values. With weights:
 * {@code sklearn.utils.stats._weighted_percentile(values, weights, 50)}, the smallest value whose cumulative
 * weight (in ascending order of value) reaches half the total weight. That is a lower weighted median: for an even
 * count with equal weights it returns the lower middle value, not the mean of the two.
 */
final class Medians {

    private Medians() {
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n % 2 == 1) {
            return sorted[n / 2];
        }
        double low = sorted[n / 2 - 1];
        double high = sorted[n / 2];
        double mean = (low + high) / 2;
        return Double.isFinite(mean) ? mean : low / 2 + high / 2;
    }

    static double weightedLowerMedian(double[] values, double[] weights) {
        int[] order = ascendingOrder(values);
        // A plain running sum, not a compensated one: scikit-learn compares numpy's sequential cumsum with half
        // of its last element, and the same arithmetic lands on the same side of that half in tied cases.
        double[] cumulative = new double[order.length];
        double running = 0.0;
        for (int i = 0; i < order.length; i++) {
            running += weights[order[i]];
            cumulative[i] = running;
        }
        double half = 0.5 * running;
        int index = 0;
        while (index < order.length - 1 && cumulative[index] < half) {
            index++;
        }
        return values[order[index]];
    }

    /** The indices of {@code keys} in ascending order of key (a stable merge sort; no boxing). */
    static int[] ascendingOrder(double[] keys) {
        int n = keys.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int low = 0; low < n - width; low += 2 * width) {
                int middle = low + width;
                int high = Math.min(low + 2 * width, n);
                int left = low;
                int right = middle;
                int out = low;
                while (left < middle && right < high) {
                    buffer[out++] = keys[order[right]] < keys[order[left]] ? order[right++] : order[left++];
                }
                while (left < middle) {
                    buffer[out++] = order[left++];
                }
                while (right < high) {
                    buffer[out++] = order[right++];
                }
                System.arraycopy(buffer, low, order, low, high - low);
            }
        }
        return order;
    }
}
