package io.maas.serve;

import io.maas.metrics.service.Outcome;
import io.maas.metrics.service.PrometheusText;
import io.maas.metrics.service.ServiceMetrics;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The server's own metrics, per endpoint: every request's handling time and outcome (a response with status 400 or
 * more is a failure), and the responses by status code. Handling time runs from the handler's start to the last
 * byte of the response handed to the socket; it leaves out the wait for a free worker thread.
 *
 * <p>Thread-safe: recording is lock-free ({@link ServiceMetrics#record} and one atomic increment).
 */
final class HttpMetrics {

    private static final int STATUS_CODES = 600;

    private final Map<Endpoint, ServiceMetrics> requests = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicLongArray> responses = new EnumMap<>(Endpoint.class);

    HttpMetrics() {
        for (Endpoint endpoint : Endpoint.values()) {
            requests.put(endpoint, ServiceMetrics.builder().build());
            responses.put(endpoint, new AtomicLongArray(STATUS_CODES));
        }
    }

    void record(Endpoint endpoint, int status, long nanos) {
        requests.get(endpoint).record(Math.max(0, nanos), status >= 400 ? Outcome.FAILURE : Outcome.SUCCESS);
        responses.get(endpoint).incrementAndGet(status);
    }

    /**
     * The Prometheus text of every endpoint: the {@code maas_http_*} families of {@link PrometheusText} labelled
     * {@code endpoint}, {@code maas_http_responses_total} labelled {@code endpoint} and {@code code}, and the gauge
     * {@code maas_http_requests_in_flight} (the request being answered included).
     */
    String render(int inFlight) {
        PrometheusText text = PrometheusText.forService("maas_http", "HTTP requests to the prediction server");
        for (Endpoint endpoint : Endpoint.values()) {
            text.add(Map.of("endpoint", endpoint.path()), requests.get(endpoint).snapshot());
        }
        StringBuilder out = new StringBuilder(text.render());
        out.append("# HELP maas_http_responses_total HTTP responses by endpoint and status code\n");
        out.append("# TYPE maas_http_responses_total counter\n");
        for (Endpoint endpoint : Endpoint.values()) {
            AtomicLongArray counts = responses.get(endpoint);
            for (int code = 0; code < STATUS_CODES; code++) {
                long count = counts.get(code);
                if (count > 0) {
                    out.append("maas_http_responses_total{code=\"").append(code).append("\",endpoint=\"")
                            .append(endpoint.path()).append("\"} ").append(count).append('\n');
                }
            }
        }
        out.append("# HELP maas_http_requests_in_flight HTTP requests being handled now\n");
        out.append("# TYPE maas_http_requests_in_flight gauge\n");
        out.append("maas_http_requests_in_flight ").append(inFlight).append('\n');
        return out.toString();
    }
}
