package io.maas.serve;

/** The paths the prediction server answers, with the one method each accepts; {@link #OTHER} is every other path. */
enum Endpoint {

    /** Predictions for one row or a list of rows. */
    PREDICT("/predict", "POST"),
    /** Feedback pairs (predicted, actual) for the rolling quality metrics. */
    FEEDBACK("/feedback", "POST"),
    /** Prometheus text of the model's and the server's metrics. */
    METRICS("/metrics", "GET"),
    /** Whether the server is up. */
    HEALTH("/health", "GET"),
    /** The model card. */
    MODEL("/model", "GET"),
    /** Any path not above: 404. */
    OTHER("other", "");

    private final String path;
    private final String method;

    Endpoint(String path, String method) {
        this.path = path;
        this.method = method;
    }

    /** The endpoint of an exact request path, or {@link #OTHER}. */
    static Endpoint of(String requestPath) {
        for (Endpoint endpoint : values()) {
            if (endpoint != OTHER && endpoint.path.equals(requestPath)) {
                return endpoint;
            }
        }
        return OTHER;
    }

    /** The path, or "other": the value of the {@code endpoint} label, from a fixed set. */
    String path() {
        return path;
    }

    /** The one method the endpoint accepts. */
    String method() {
        return method;
    }
}
