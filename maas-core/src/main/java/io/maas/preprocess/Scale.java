package io.maas.preprocess;

import io.maas.data.Dataset;
import io.maas.pipeline.Stage;

/** Factories of scaling stages; each is fitted on the training rows only. */
public final class Scale {

    private Scale() {
    }

    /**
     * Returns standard scaling, z = (x − mean) / sd, with the population standard deviation (ddof = 0) as
     * scikit-learn's {@code StandardScaler}. A constant column has sd 0; it is scaled by 1 instead, so it becomes all
     * zeros (scikit-learn does the same).
     *
     * @return the unfitted stage
     */
    public static Stage standard() {
        return new Stage() {
            @Override
            public StandardScaler fit(Dataset training) {
                ColumnStatistics statistics = ColumnStatistics.of(training);
                double[] scale = new double[training.featureCount()];
                for (int j = 0; j < scale.length; j++) {
                    double sd = statistics.standardDeviation(j);
                    scale[j] = sd > 0 ? sd : 1.0;
                }
                return new StandardScaler(training.featureNames(), statistics.mean, scale);
            }

            @Override
            public String toString() {
                return "Scale.standard()";
            }
        };
    }

    /**
     * Returns min-max scaling to [0, 1], z = (x − min) / (max − min), with min and max of the training rows, as
     * scikit-learn's {@code MinMaxScaler}. Values outside the training range map outside [0, 1]. A constant column
     * (max = min) is scaled by 1 instead, so it becomes all zeros.
     *
     * @return the unfitted stage
     */
    public static Stage minMax() {
        return new Stage() {
            @Override
            public MinMaxScaler fit(Dataset training) {
                ColumnStatistics statistics = ColumnStatistics.of(training);
                double[] range = new double[training.featureCount()];
                for (int j = 0; j < range.length; j++) {
                    double r = statistics.max[j] - statistics.min[j];
                    range[j] = r > 0 ? r : 1.0;
                }
                return new MinMaxScaler(training.featureNames(), statistics.min, range);
            }

            @Override
            public String toString() {
                return "Scale.minMax()";
            }
        };
    }
}
