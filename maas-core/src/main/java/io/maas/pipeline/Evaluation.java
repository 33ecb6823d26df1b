package io.maas.pipeline;

import io.maas.solver.FitDiagnostics;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of evaluating a fitted pipeline on held-out rows: the value of each requested metric, the number of rows
 * and the diagnostics of the fit. An immutable value.
 *
 * @param rows        the number of rows evaluated, &ge; 1
 * @param values      the metric values, in {@link Metric} order
 * @param diagnostics what happened when the model was fitted
 */
public record Evaluation(int rows, Map<Metric, Double> values, FitDiagnostics diagnostics) {

    /**
     * Copies and checks the values.
     *
     * @param rows        rows evaluated
     * @param values      metric values
     * @param diagnostics the fit diagnostics
     * @throws IllegalArgumentException if there are no rows, no metric, or a value is not finite
     */
    public Evaluation {
        Objects.requireNonNull(diagnostics, "diagnostics");
        if (rows < 1 || values.isEmpty()) {
            throw new IllegalArgumentException("an evaluation needs rows and metrics but had " + rows + " rows and "
                    + values.keySet());
        }
        values.forEach((metric, value) -> {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(metric + " must be finite but was " + value);
            }
        });
        values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /**
     * Returns the value of one metric.
     *
     * @param metric a metric the pipeline was asked to evaluate
     * @return its value
     * @throws IllegalArgumentException if the metric was not evaluated
     */
    public double value(Metric metric) {
        Double value = values.get(metric);
        if (value == null) {
            throw new IllegalArgumentException(metric + " was not evaluated; the pipeline evaluates "
                    + values.keySet());
        }
        return value;
    }

    /**
     * Returns the metrics as a small table followed by the fit diagnostics.
     *
     * @return a multi-line report
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d rows evaluated%n", rows));
        values.forEach((metric, value) -> text.append(String.format(Locale.ROOT, "  %-5s %.6g%n", metric, value)));
        return text.append("fit: ").append(diagnostics).toString();
    }
}
