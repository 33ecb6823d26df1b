package io.maas.data;

import io.maas.internal.SplitMix64;
import java.util.Locale;
import java.util.Objects;

/**
 * A dataset divided into a training part and a test part that share no row.
 *
 * <p>The shuffled split is reproducible by specification, not by accident of a JDK version: row indices
 * 0..n-1 are permuted by a Fisher-Yates shuffle (Durstenfeld's form: for i from n-1 down to 1, swap i with a uniform
 * j in [0, i]) driven by the SplitMix64 generator (Steele, Lea and Flood, OOPSLA 2014) seeded with {@code seed};
 * a uniform j in [0, i] is drawn by rejection from the top 63 bits, so it is exactly uniform. The first
 * {@code round(trainFraction * n)} indices of the permutation (halves round up) are the training rows, in
 * permutation order, and the rest are the test rows. The same seed therefore gives the same rows on every JVM.
 *
 * <p>The stratified split keeps each class's share in both parts. A class is a distinct target value; classes are
 * taken in ascending order of value, and each class's rows in ascending row order are shuffled as above, all by one
 * SplitMix64 generator seeded with {@code seed}, class after class. Of a class of m rows, the first
 * {@code round(trainFraction * m)} (halves up, but at least 1 and at most m - 1) train. The training rows, class
 * after class, are then shuffled by the same generator, and then the test rows likewise.
 *
 * <p>Both parts are views of {@code data} ({@link Dataset#rows(int[])}): no features are copied.
 *
 * @param train the rows to fit on, at least one
 * @param test  the rows to evaluate on, at least one
 */
public record TrainTestSplit(Dataset train, Dataset test) {

    /**
     * Checks that both parts are present.
     *
     * @param train the training part
     * @param test  the test part
     */
    public TrainTestSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /**
     * Splits the rows at random, reproducibly for a given seed (the algorithm is in the class description).
     *
     * @param data          the dataset to split, with at least two rows
     * @param trainFraction the share of rows for training, strictly between 0 and 1
     * @param seed          the seed of the shuffle; any value
     * @return the split; both parts hold at least one row
     * @throws IllegalArgumentException if the fraction is not in (0, 1) or leaves a part empty
     */
    public static TrainTestSplit shuffled(Dataset data, double trainFraction, long seed) {
        Objects.requireNonNull(data, "data");
        int n = data.rowCount();
        int trainRows = trainRows(n, trainFraction);
        int[] order = permutation(n, seed);
        return split(data, order, trainRows);
    }

    /**
     * Splits the rows at random, keeping the share of each class (target value) in both parts, reproducibly for a
     * given seed (the algorithm is in the class description); for classification.
     *
     * @param data          the dataset to split; every class needs at least two rows
     * @param trainFraction the share of each class for training, strictly between 0 and 1
     * @param seed          the seed of the shuffles; any value
     * @return the split; each class has at least one row in each part
     * @throws IllegalArgumentException if the fraction is not in (0, 1) or a class has a single row (which also
     *                                  rejects a continuous target, whose values are nearly all distinct)
     */
    public static TrainTestSplit stratified(Dataset data, double trainFraction, long seed) {
        Objects.requireNonNull(data, "data");
        checkFraction(trainFraction);
        int[][] classes = Strata.of(data, 2, "a stratified split");
        SplitMix64 random = new SplitMix64(seed);
        int trainRows = 0;
        int[] classTrainRows = new int[classes.length];
        for (int c = 0; c < classes.length; c++) {
            random.shuffle(classes[c], 0, classes[c].length);
            int m = classes[c].length;
            classTrainRows[c] = (int) Math.min(m - 1, Math.max(1, Math.round(trainFraction * m)));
            trainRows += classTrainRows[c];
        }
        int[] order = new int[data.rowCount()];
        int train = 0;
        int test = trainRows;
        for (int c = 0; c < classes.length; c++) {
            int m = classes[c].length;
            System.arraycopy(classes[c], 0, order, train, classTrainRows[c]);
            System.arraycopy(classes[c], classTrainRows[c], order, test, m - classTrainRows[c]);
            train += classTrainRows[c];
            test += m - classTrainRows[c];
        }
        random.shuffle(order, 0, trainRows);
        random.shuffle(order, trainRows, order.length);
        return split(data, order, trainRows);
    }

    /**
     * Splits without shuffling: the first {@code trainRows} rows train, the rest test.
     *
     * @param data      the dataset to split
     * @param trainRows the number of leading rows to train on, 1 &le; trainRows &lt; n
     * @return the split
     * @throws IllegalArgumentException if trainRows leaves a part empty
     */
    public static TrainTestSplit firstRows(Dataset data, int trainRows) {
        Objects.requireNonNull(data, "data");
        int n = data.rowCount();
        if (trainRows < 1 || trainRows >= n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "trainRows must be between 1 and %d (the dataset has %d rows) but was %d", n - 1, n, trainRows));
        }
        return split(data, permutation(n), trainRows);
    }

    private static void checkFraction(double trainFraction) {
        if (!(trainFraction > 0.0 && trainFraction < 1.0)) {
            throw new IllegalArgumentException(
                    "trainFraction must be strictly between 0 and 1 but was " + trainFraction);
        }
    }

    private static int trainRows(int n, double trainFraction) {
        checkFraction(trainFraction);
        long trainRows = Math.round(trainFraction * n);
        if (trainRows < 1 || trainRows >= n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "trainFraction %s of %d rows gives %d training and %d test rows; both need at least one",
                    trainFraction, n, trainRows, n - trainRows));
        }
        return (int) trainRows;
    }

    private static TrainTestSplit split(Dataset data, int[] order, int trainRows) {
        int[] train = new int[trainRows];
        int[] test = new int[order.length - trainRows];
        System.arraycopy(order, 0, train, 0, train.length);
        System.arraycopy(order, trainRows, test, 0, test.length);
        return new TrainTestSplit(data.rows(train), data.rows(test));
    }

    /** The permutation of 0..n-1 described in the class Javadoc. */
    static int[] permutation(int n, long seed) {
        int[] order = permutation(n);
        new SplitMix64(seed).shuffle(order, 0, n);
        return order;
    }

    /** The identity permutation of 0..n-1. */
    static int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
