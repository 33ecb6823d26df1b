package io.maas.pipeline;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The evaluations of a pipeline on each validation fold, with the mean and the sample standard deviation (n − 1) of
 * each metric across folds. Immutable.
 */
public final class CrossValidationResult {

    private final Set<Metric> metrics;
    private final List<Evaluation> folds;

    CrossValidationResult(Set<Metric> metrics, List<Evaluation> folds) {
        this.metrics = EnumSet.copyOf(metrics);
        this.folds = List.copyOf(folds);
    }

    /**
     * Returns the evaluation of each fold, in fold order.
     *
     * @return an unmodifiable list of k evaluations
     */
    public List<Evaluation> folds() {
        return folds;
    }

    /**
     * Returns the mean of a metric over the folds.
     *
     * @param metric one of the pipeline's metrics
     * @return the mean of the k fold values
     * @throws IllegalArgumentException if the metric was not evaluated
     */
    public double mean(Metric metric) {
        double sum = 0;
        for (Evaluation fold : folds) {
            sum += fold.value(metric);
        }
        return sum / folds.size();
    }

    /**
     * Returns the sample standard deviation (divisor k − 1) of a metric over the folds.
     *
     * @param metric one of the pipeline's metrics
     * @return the standard deviation, &ge; 0
     * @throws IllegalArgumentException if the metric was not evaluated
     */
    public double standardDeviation(Metric metric) {
        double mean = mean(metric);
        double sum = 0;
        for (Evaluation fold : folds) {
            double d = fold.value(metric) - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / (folds.size() - 1));
    }

    /**
     * Returns a table: one row per fold, then the mean ± standard deviation of each metric.
     *
     * @return a multi-line table
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-6s %6s", "fold", "rows"));
        metrics.forEach(metric -> text.append(String.format(Locale.ROOT, " %12s", metric)));
        text.append('\n');
        for (int f = 0; f < folds.size(); f++) {
            Evaluation fold = folds.get(f);
            text.append(String.format(Locale.ROOT, "%-6d %6d", f, fold.rows()));
            metrics.forEach(metric -> text.append(String.format(Locale.ROOT, " %12.6g", fold.value(metric))));
            text.append('\n');
        }
        text.append(String.format(Locale.ROOT, "%-13s", "mean"));
        metrics.forEach(metric -> text.append(String.format(Locale.ROOT, " %12.6g", mean(metric))));
        text.append('\n').append(String.format(Locale.ROOT, "%-13s", "± sd"));
        metrics.forEach(metric -> text.append(String.format(Locale.ROOT, " %12.6g", standardDeviation(metric))));
        return text.toString();
    }
}
