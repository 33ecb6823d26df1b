/**
 * Watching a fitted model in service: {@link io.maas.monitor.MonitoredPipeline} wraps an
 * {@link io.maas.pipeline.FittedPipeline}, times every prediction and counts it (failures apart), takes feedback
 * (what was predicted, what happened) into a rolling window, and reports it all as a
 * {@link io.maas.monitor.MonitorSnapshot}: a log line, or Prometheus text for a {@code /metrics} endpoint.
 *
 * <pre>{@code
 * MonitoredPipeline monitored = MonitoredPipeline.builder(fitted).name("diabetes").feedbackWindow(10_000).build();
 * double y = monitored.predict(row);          // timed and counted
 * monitored.feedback(y, observed);            // later, when the truth is known
 * String page = monitored.snapshot().toPrometheusText();
 * }</pre>
 *
 * <p>The service figures come from {@link io.maas.metrics.service.ServiceMetrics} and the quality figures from
 * {@link io.maas.metrics.RegressionMetrics} and {@link io.maas.metrics.ClassificationMetrics}, so they mean what
 * they mean everywhere else in maas.
 */
package io.maas.monitor;
