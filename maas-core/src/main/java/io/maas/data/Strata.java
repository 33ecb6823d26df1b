package io.maas.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The rows of a dataset grouped by class for stratified splits: a class is a distinct target value (compared with
 * {@code ==}, so -0.0 and 0.0 are one class); classes in ascending order, each class's rows in ascending order.
 * Sorting, not hashing, fixes the order, so it is the same on every JVM.
 */
final class Strata {

    private Strata() {
    }

    /**
     * Returns the row indices of each class, classes ascending.
     *
     * @param minimumRows the fewest rows a class may have
     * @param why         what needs them, for the message
     * @throws IllegalArgumentException if a class has fewer than {@code minimumRows} rows
     */
    static int[][] of(Dataset data, int minimumRows, String why) {
        double[] target = data.target();
        int n = target.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Ascending value, ties by row: equal values are adjacent and keep their row order.
        Arrays.sort(order, (a, b) -> target[a] == target[b] ? Integer.compare(a, b)
                : Double.compare(target[a], target[b]));
        List<int[]> classes = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= n; k++) {
            if (k == n || target[order[k]] != target[order[start]]) {
                int[] rows = new int[k - start];
                for (int t = 0; t < rows.length; t++) {
                    rows[t] = order[start + t];
                }
                if (rows.length < minimumRows) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "class %s of target '%s' has %d row%s but %s needs at least %d rows per class",
                            target[rows[0]], data.targetName(), rows.length, rows.length == 1 ? "" : "s", why,
                            minimumRows));
                }
                classes.add(rows);
                start = k;
            }
        }
        return classes.toArray(new int[0][]);
    }
}
