/**
 * Model quality metrics and service metrics for maas.
 *
 * <p>Depends on the JDK only. Everything exported is in {@link io.maas.metrics}.
 */
module io.maas.metrics {
    exports io.maas.metrics;
}
