/**
 * Model quality metrics and service metrics for maas.
 *
 * <p>Depends on the JDK only. Two API packages with nothing in common but the purpose: {@link io.maas.metrics}, the
 * quality metrics (pure functions and accumulators over actual and predicted values, used when evaluating a
 * model), and {@link io.maas.metrics.service}, the service metrics (latency, throughput, failures and their
 * renderings, used while serving one). A reader of either needs nothing from the other.
 */
module io.maas.metrics {
    exports io.maas.metrics;
    exports io.maas.metrics.service;
}
