package io.maas.data;

import io.maas.internal.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * K-fold cross-validation: divides the rows into k folds and yields, for each fold, the other rows to fit on and
 * the fold to validate on, as views (no features copied). Immutable and safe to share.
 *
 * <p>The algorithms are specified, so a seed gives the same folds on every JVM and version:
 * <ul>
 *   <li>{@link #ordered(int)}: the rows in file order are cut into k consecutive folds; with n = k * s + r, the
 *       first r folds hold s + 1 rows and the others s.</li>
 *   <li>{@link #shuffled(int, long)}: the same cut applied to the permutation of {@link TrainTestSplit} (SplitMix64
 *       seeded with {@code seed}, Durstenfeld shuffle), so fold rows are in permutation order.</li>
 *   <li>{@link #stratified(int, long)}: classes (distinct target values) in ascending order, each class's rows in
 *       ascending row order shuffled by one SplitMix64 generator seeded with {@code seed}, class after class; the
 *       shuffled classes, one after the other, are dealt to the folds in turn (the t-th row to fold t mod k), so
 *       each class is spread over the folds as evenly as possible; finally each fold's rows are shuffled by the
 *       same generator, fold 0 first.</li>
 * </ul>
 * In every case fold i's training rows are the rows of the other folds, fold after fold, each in its fold's order.
 */
public final class KFold {

    private enum Kind { ORDERED, SHUFFLED, STRATIFIED }

    private final int k;
    private final Kind kind;
    private final long seed;

    private KFold(int k, Kind kind, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k must be >= 2 but was " + k);
        }
        this.k = k;
        this.kind = kind;
        this.seed = seed;
    }

    /**
     * Returns k folds of consecutive rows, in file order.
     *
     * @param k the number of folds, &ge; 2
     * @return the k-fold splitter
     * @throws IllegalArgumentException if k &lt; 2
     */
    public static KFold ordered(int k) {
        return new KFold(k, Kind.ORDERED, 0);
    }

    /**
     * Returns k folds of randomly chosen rows, reproducible for a seed.
     *
     * @param k    the number of folds, &ge; 2
     * @param seed the seed of the shuffle; any value
     * @return the k-fold splitter
     * @throws IllegalArgumentException if k &lt; 2
     */
    public static KFold shuffled(int k, long seed) {
        return new KFold(k, Kind.SHUFFLED, seed);
    }

    /**
     * Returns k folds of randomly chosen rows that keep each class's share, reproducible for a seed; for
     * classification.
     *
     * @param k    the number of folds, &ge; 2
     * @param seed the seed of the shuffles; any value
     * @return the k-fold splitter
     * @throws IllegalArgumentException if k &lt; 2
     */
    public static KFold stratified(int k, long seed) {
        return new KFold(k, Kind.STRATIFIED, seed);
    }

    /**
     * Returns the number of folds.
     *
     * @return k &ge; 2
     */
    public int k() {
        return k;
    }

    /**
     * Divides the rows of {@code data} into the k folds.
     *
     * @param data the dataset, with at least k rows (stratified: at least k rows of every class)
     * @return k folds, fold i at position i
     * @throws IllegalArgumentException if there are fewer than k rows, or, stratified, a class has fewer than k rows
     */
    public List<Fold> split(Dataset data) {
        Objects.requireNonNull(data, "data");
        int n = data.rowCount();
        if (n < k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d folds need at least %d rows but the data has %d", k, k, n));
        }
        int[][] folds = kind == Kind.STRATIFIED ? stratifiedFolds(data) : consecutiveFolds(n);
        List<Fold> result = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] train = new int[n - folds[f].length];
            int at = 0;
            for (int g = 0; g < k; g++) {
                if (g != f) {
                    System.arraycopy(folds[g], 0, train, at, folds[g].length);
                    at += folds[g].length;
                }
            }
            result.add(new Fold(f, data.rows(train), data.rows(folds[f])));
        }
        return List.copyOf(result);
    }

    private int[][] consecutiveFolds(int n) {
        int[] order = kind == Kind.SHUFFLED ? TrainTestSplit.permutation(n, seed) : TrainTestSplit.permutation(n);
        int[][] folds = new int[k][];
        int size = n / k;
        int larger = n % k;
        int start = 0;
        for (int f = 0; f < k; f++) {
            int length = size + (f < larger ? 1 : 0);
            folds[f] = Arrays.copyOfRange(order, start, start + length);
            start += length;
        }
        return folds;
    }

    private int[][] stratifiedFolds(Dataset data) {
        int[][] classes = Strata.of(data, k, k + "-fold stratification");
        SplitMix64 random = new SplitMix64(seed);
        int n = data.rowCount();
        int[][] folds = new int[k][];
        for (int f = 0; f < k; f++) {
            folds[f] = new int[n / k + (f < n % k ? 1 : 0)];
        }
        int[] filled = new int[k];
        int t = 0;
        for (int[] rows : classes) {
            random.shuffle(rows, 0, rows.length);
            for (int row : rows) {
                int f = t++ % k;
                folds[f][filled[f]++] = row;
            }
        }
        for (int[] fold : folds) {
            random.shuffle(fold, 0, fold.length);
        }
        return folds;
    }

    /**
     * Returns the kind of folds and k.
     *
     * @return for example {@code KFold[5, SHUFFLED, seed 42]}
     */
    @Override
    public String toString() {
        return kind == Kind.ORDERED ? "KFold[" + k + ", ORDERED]"
                : String.format(Locale.ROOT, "KFold[%d, %s, seed %d]", k, kind, seed);
    }
}
