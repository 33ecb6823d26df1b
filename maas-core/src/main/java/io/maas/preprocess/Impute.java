package io.maas.preprocess;

import io.maas.data.Dataset;
import io.maas.pipeline.Stage;
import java.util.Arrays;
import java.util.Locale;

/**
 * Factories of imputation stages, which fill missing values (NaN) with a value learned per column from the training
 * rows that have one, as scikit-learn's {@code SimpleImputer}. A column with no value in the training rows cannot be
 * imputed from data: fitting fails naming it (scikit-learn drops such a column instead, silently changing the width).
 */
public final class Impute {

    private Impute() {
    }

    /**
     * Returns imputation by the column mean of the present training values.
     *
     * @return the unfitted stage
     */
    public static Stage mean() {
        return stage("Impute.mean()", values -> {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            double mean = sum / values.length;
            double correction = 0;
            for (double v : values) {
                correction += v - mean;
            }
            return mean + correction / values.length;
        });
    }

    /**
     * Returns imputation by the column median of the present training values (the mean of the two middle values for
     * an even count, as numpy's median).
     *
     * @return the unfitted stage
     */
    public static Stage median() {
        return stage("Impute.median()", values -> {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int m = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
        });
    }

    /**
     * Returns imputation by the most frequent present training value of each column; ties go to the smallest value,
     * as scikit-learn's {@code strategy="most_frequent"}.
     *
     * @return the unfitted stage
     */
    public static Stage mostFrequent() {
        return stage("Impute.mostFrequent()", values -> {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double best = sorted[0];
            int bestCount = 0;
            for (int i = 0; i < sorted.length;) {
                int j = i;
                while (j < sorted.length && sorted[j] == sorted[i]) {
                    j++;
                }
                if (j - i > bestCount) {
                    bestCount = j - i;
                    best = sorted[i];
                }
                i = j;
            }
            return best;
        });
    }

    /**
     * Returns imputation by a fixed value, the same for every column.
     *
     * @param value the fill value, finite
     * @return the unfitted stage
     * @throws IllegalArgumentException if the value is not finite
     */
    public static Stage constant(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the constant fill value must be finite but was " + value);
        }
        return new Stage() {
            @Override
            public Imputer fit(Dataset training) {
                double[] fill = new double[training.featureCount()];
                Arrays.fill(fill, value);
                return new Imputer(training.featureNames(), fill);
            }

            @Override
            public String toString() {
                return "Impute.constant(" + value + ")";
            }
        };
    }

    /** A rule that turns the present values of one column into its fill value. */
    private interface Rule {
        double fill(double[] presentValues);
    }

    private static Stage stage(String description, Rule rule) {
        return new Stage() {
            @Override
            public Imputer fit(Dataset training) {
                int n = training.rowCount();
                int p = training.featureCount();
                double[] fill = new double[p];
                double[] column = new double[n];
                for (int j = 0; j < p; j++) {
                    int present = 0;
                    for (int i = 0; i < n; i++) {
                        double v = training.feature(i, j);
                        if (!Double.isNaN(v)) {
                            column[present++] = v;
                        }
                    }
                    if (present == 0) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "column '%s' has no value in the %d training rows; %s cannot fill it (drop the "
                                        + "column or use Impute.constant)", training.featureNames().get(j), n,
                                description));
                    }
                    fill[j] = rule.fill(Arrays.copyOf(column, present));
                }
                return new Imputer(training.featureNames(), fill);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}
