/**
 * The HTTP prediction server behind {@code serve}: {@link io.maas.serve.PredictionServer} answers
 * {@code POST /predict}, {@code POST /feedback}, {@code GET /metrics}, {@code GET /health} and {@code GET /model} on
 * the JDK's built-in HTTP server, with strict JSON (Jackson's streaming parser) and a monitored model.
 *
 * <p>Internal: not exported from the module. The command line starts and stops the server; a library user who
 * wants HTTP wraps {@link io.maas.monitor.MonitoredPipeline} in the server or framework of their choice.
 */
package io.maas.serve;
