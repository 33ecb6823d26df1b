package io.maas.serve;

import java.util.Map;

/**
 * An answer other than success, decided while handling a request: the status and the message of its JSON body
 * {@code {"error": "..."}}, and any header the status calls for ({@code Allow} with 405). Carries no stack trace:
 * it is control flow, never logged as a fault.
 */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    HttpError(int status, String message) {
        this(status, message, Map.of());
    }

    HttpError(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
