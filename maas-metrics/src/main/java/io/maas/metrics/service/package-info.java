/**
 * Metrics that tell whether serving a model is healthy: latency, throughput and failures, recorded cheaply from
 * many threads and rendered for logs or Prometheus.
 *
 * <p>{@link io.maas.metrics.service.ServiceMetrics} is the entry point: it times calls (or takes latencies measured
 * by the caller), and its {@link io.maas.metrics.service.ServiceSnapshot} renders as a log line or, through
 * {@link io.maas.metrics.service.PrometheusText}, as a {@code /metrics} page. Its parts can be used alone:
 * {@link io.maas.metrics.service.LatencyRecorder} (percentiles within 0.78 %, since start and over a sliding
 * window) and {@link io.maas.metrics.service.ThroughputMeter} (count, mean and one-minute rates).
 *
 * <p>Recording is lock-free, allocation-free and reads no clock; everything time-related happens when a snapshot is
 * taken, on an injectable nanosecond clock, so tests move time by hand and never sleep. The histogram is written
 * here rather than taken from HdrHistogram: HdrHistogram 2.2.2 has no module name of its own (a named module
 * requiring it depends on its jar's file name), and its interval recorder spends four atomic operations per value
 * where growing counters read as differences need one.
 */
package io.maas.metrics.service;
