package io.maas.pipeline;

import io.maas.data.Dataset;
import io.maas.data.DatasetBuilder;
import io.maas.data.NanPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted pipeline step that maps a row of input columns to a row of output columns. Immutable and safe to use from
 * many threads at once: {@link #transform(double[], double[])} writes only into the caller's output array, so a
 * serving path can reuse thread-confined buffers and allocate nothing.
 */
public interface FittedStage {

    /**
     * Returns the names of the columns this stage reads, in order.
     *
     * @return an unmodifiable list
     */
    List<String> inputNames();

    /**
     * Returns the names of the columns this stage writes, in order; derived columns have readable names such as
     * {@code "bmi^2"} or {@code "bmi*bp"}.
     *
     * @return an unmodifiable list
     */
    List<String> outputNames();

    /**
     * Transforms one row without allocating.
     *
     * @param input  {@code inputNames().size()} values; NaN marks a missing value, allowed only where
     *               {@link #acceptsMissing()}; not modified
     * @param output an array of at least {@code outputNames().size()} values, written from index 0
     */
    void transform(double[] input, double[] output);

    /**
     * Returns whether this stage takes missing values (NaN) in its input and fills them, as an imputer does. The
     * pipeline rejects a row with a missing value unless its first stage accepts them.
     *
     * @return true for imputers, false by default
     */
    default boolean acceptsMissing() {
        return false;
    }

    /**
     * Transforms every row of a dataset, keeping its target, weights and categorical columns; a missing value (NaN)
     * that the stage passes through stays missing.
     *
     * @param data rows whose numeric features are {@link #inputNames()}, in order
     * @return a new dataset with the numeric columns {@link #outputNames()}
     * @throws IllegalArgumentException if the dataset's features are not this stage's inputs
     */
    default Dataset transform(Dataset data) {
        if (!data.featureNames().equals(inputNames())) {
            throw new IllegalArgumentException("the stage reads " + inputNames() + " but the data has "
                    + data.featureNames());
        }
        int width = outputNames().size();
        double[] in = new double[inputNames().size()];
        double[] out = new double[Math.multiplyExact(data.rowCount(), width)];
        double[] row = new double[width];
        for (int i = 0; i < data.rowCount(); i++) {
            data.copyRow(i, in, 0);
            transform(in, row);
            System.arraycopy(row, 0, out, i * width, width);
        }
        DatasetBuilder builder = Dataset.builder()
                .features(outputNames(), out)
                .nanPolicy(NanPolicy.MISSING)
                .target(data.targetName(), data.target());
        for (int c = 0; c < data.categoricalCount(); c++) {
            List<String> values = new ArrayList<>(data.rowCount());
            for (int i = 0; i < data.rowCount(); i++) {
                values.add(data.category(i, c).orElse(null)); // null keeps a missing cell missing
            }
            builder.categorical(data.categoricalNames().get(c), values);
        }
        data.weights().ifPresent(builder::weights);
        return builder.build();
    }
}
