package io.maas.preprocess;

import io.maas.data.Dataset;

/**
 * One pass over a dataset's columns: Welford's running mean and sum of squared deviations (numerically stable, no
 * cancellation), minimum and maximum, over the values that are present (missing values, NaN, are skipped, as
 * scikit-learn's scalers do). The private accumulator behind the scalers; mutable, never shared.
 */
final class ColumnStatistics {

    final double[] mean;
    final double[] sumOfSquares;
    final double[] min;
    final double[] max;
    final long[] count;

    private ColumnStatistics(double[] mean, double[] sumOfSquares, double[] min, double[] max, long[] count) {
        this.mean = mean;
        this.sumOfSquares = sumOfSquares;
        this.min = min;
        this.max = max;
        this.count = count;
    }

    static ColumnStatistics of(Dataset data) {
        int p = data.featureCount();
        double[] mean = new double[p];
        double[] m2 = new double[p];
        double[] min = new double[p];
        double[] max = new double[p];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long[] count = new long[p];
        double[] row = new double[p];
        for (int i = 0; i < data.rowCount(); i++) {
            data.copyRow(i, row, 0);
            for (int j = 0; j < p; j++) {
                if (Double.isNaN(row[j])) {
                    continue;
                }
                count[j]++;
                double delta = row[j] - mean[j];
                mean[j] += delta / count[j];
                m2[j] += delta * (row[j] - mean[j]);
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        for (int j = 0; j < p; j++) {
            if (count[j] == 0) {
                throw new IllegalArgumentException("column '" + data.featureNames().get(j)
                        + "' has no value in the training rows: every one is missing");
            }
        }
        return new ColumnStatistics(mean, m2, min, max, count);
    }

    /** Population standard deviation (ddof = 0, as scikit-learn's StandardScaler). */
    double standardDeviation(int column) {
        return Math.sqrt(sumOfSquares[column] / count[column]);
    }
}
