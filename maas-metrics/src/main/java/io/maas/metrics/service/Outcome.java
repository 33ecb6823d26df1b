package io.maas.metrics.service;

/** How a timed request ended, for {@link ServiceMetrics#record(long, Outcome)}. */
public enum Outcome {

    /** The request completed normally. */
    SUCCESS,

    /** The request failed (an exception, an error response): it is counted as a request and as a failure. */
    FAILURE
}
