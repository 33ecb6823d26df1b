package io.maas.monitor;

import io.maas.metrics.service.PrometheusText;
import io.maas.metrics.service.ServiceSnapshot;
import io.maas.model.Task;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link MonitoredPipeline} measured at one moment: its predictions' counts, rates and latencies, and the
 * quality of its predictions over the feedback window. Render it with {@link #toString()} for a log or
 * {@link #toPrometheusText()} for a {@code /metrics} endpoint.
 *
 * <p>The parts are read one after another, not atomically: under load, counts may differ by the few predictions
 * that completed in between. An immutable value.
 *
 * @param model       the name that labels the model's metrics
 * @param task        what the model predicts
 * @param predictions the predictions: requests (successful or not), failures, latencies (from
 *                    {@link io.maas.metrics.service.ServiceMetrics})
 * @param quality     the quality over the feedback window: a {@link RegressionQuality} for
 *                    {@link Task#REGRESSION}, a {@link ClassificationQuality} for {@link Task#CLASSIFICATION}
 */
public record MonitorSnapshot(String model, Task task, ServiceSnapshot predictions, Quality quality) {

    /** The content type of {@link #toPrometheusText()}, for an HTTP response. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * Checks that every part is present and the quality fits the task.
     *
     * @param model       the model's name
     * @param task        what the model predicts
     * @param predictions the prediction metrics
     * @param quality     the quality over the feedback window
     * @throws IllegalArgumentException if the quality is not the kind the task calls for
     */
    public MonitorSnapshot {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(quality, "quality");
        boolean fits = task == Task.REGRESSION ? quality instanceof RegressionQuality
                : quality instanceof ClassificationQuality;
        if (!fits) {
            throw new IllegalArgumentException("a " + task + " model's quality cannot be a "
                    + quality.getClass().getSimpleName());
        }
    }

    /**
     * Returns the snapshot as text for a log, three lines: the model, its predictions
     * ({@link ServiceSnapshot#toString()}) and its quality, such as
     * <pre>
     * model=diabetes task=REGRESSION
     * predictions: requests=1200 failures=3 rate1m=19.80/s mean=20.00/s | last 60s: ... | since start: ...
     * quality: last 1000 of 1200 feedback pairs (window 10000): mse=2900.10 mae=43.2000
     * </pre>
     *
     * @return the text, lines separated by line feeds, no final line feed
     */
    @Override
    public String toString() {
        return "model=" + model + " task=" + task + "\npredictions: " + predictions + "\nquality: " + quality;
    }

    /**
     * Returns the snapshot in the Prometheus text exposition format 0.0.4 (content type
     * {@value #PROMETHEUS_CONTENT_TYPE}), every sample labelled {@code model="<name>"} (escaped):
     * <ul>
     *   <li>{@code maas_predict_requests_total}, {@code maas_predict_failures_total},
     *       {@code maas_predict_requests_per_second}, {@code maas_predict_latency_seconds} (a summary: quantiles over
     *       the sliding window, sum and count since start) and {@code maas_predict_latency_clamped_total}, as
     *       {@link PrometheusText} renders them;</li>
     *   <li>{@code maas_feedback_total} (counter): feedback pairs received;</li>
     *   <li>{@code maas_feedback_window_pairs} (gauge): pairs in the rolling window;</li>
     *   <li>gauges over the window: {@code maas_quality_mse} and {@code maas_quality_mae} for a regression model,
     *       {@code maas_quality_accuracy}, {@code maas_quality_precision} and {@code maas_quality_recall} (of label
     *       1) for a classifier; their samples are left out while the window is empty.</li>
     * </ul>
     *
     * @return the exposition text, lines ending in a line feed
     */
    public String toPrometheusText() {
        StringBuilder out = new StringBuilder(PrometheusText.forService("maas_predict", "predictions of the model")
                .add(Map.of("model", model), predictions)
                .render());
        String label = "{model=\"" + escapeLabelValue(model) + "\"}";
        family(out, "maas_feedback_total", "counter", "feedback pairs (predicted, actual) received");
        out.append("maas_feedback_total").append(label).append(' ').append(quality.received()).append('\n');
        family(out, "maas_feedback_window_pairs", "gauge",
                "feedback pairs in the rolling window the quality metrics are computed over");
        out.append("maas_feedback_window_pairs").append(label).append(' ').append(quality.pairs()).append('\n');
        if (quality instanceof RegressionQuality regression) {
            gauge(out, "maas_quality_mse", "mean squared error over the feedback window", label, regression.mse());
            gauge(out, "maas_quality_mae", "mean absolute error over the feedback window", label, regression.mae());
        } else if (quality instanceof ClassificationQuality classification) {
            gauge(out, "maas_quality_accuracy", "fraction of right labels over the feedback window", label,
                    classification.accuracy());
            gauge(out, "maas_quality_precision", "precision of label 1 over the feedback window", label,
                    classification.precision());
            gauge(out, "maas_quality_recall", "recall of label 1 over the feedback window", label,
                    classification.recall());
        }
        return out.toString();
    }

    private void gauge(StringBuilder out, String name, String help, String label, double value) {
        family(out, name, "gauge", help);
        if (quality.pairs() > 0) {
            out.append(name).append(label).append(' ').append(value).append('\n');
        }
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Escapes a label value as the text format requires: backslash, double quote and line feed. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
