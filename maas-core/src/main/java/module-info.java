/**
 * maas core: data, solvers, models and the fitting pipeline.
 *
 * <p>Start at {@link io.maas.pipeline.Pipeline}; wrap the fitted pipeline in {@link io.maas.monitor.MonitoredPipeline}
 * to watch it in service. Only API packages are exported; the ojAlgo adapter, the HTTP prediction server and the
 * command-line entry are internal.
 *
 * <p>The incubating module jdk.incubator.vector is not required: when the JVM runs with {@code --add-modules
 * jdk.incubator.vector}, the solver reads it at run time for faster Gram and gradient kernels with the same results.
 */
module io.maas.core {
    requires transitive io.maas.metrics;
    requires ojalgo;
    requires org.slf4j;
    requires de.siegmar.fastcsv;
    requires ch.randelshofer.fastdoubleparser;
    requires com.fasterxml.jackson.core;
    requires jdk.httpserver;

    exports io.maas.data;
    exports io.maas.features;
    exports io.maas.model;
    exports io.maas.monitor;
    exports io.maas.persist;
    exports io.maas.pipeline;
    exports io.maas.preprocess;
    exports io.maas.solver;
}
