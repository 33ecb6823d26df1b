package io.maas.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.maas.model.Classifier;
import io.maas.monitor.MonitorSnapshot;
import io.maas.monitor.MonitoredPipeline;
import io.maas.pipeline.FittedPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every request of a {@link PredictionServer}: routes by exact path, checks method, content type and body
 * size, reads and checks the JSON, predicts through the monitor, and always answers with a complete body (built
 * before the status line is sent, so that no failure can leave a half-written response). A request that cannot be
 * served gets a 4xx or 5xx and {@code {"error": "..."}}; an unexpected exception is logged with its stack trace
 * and answered with a 500 that has none.
 *
 * <p>Also counts the exchanges in flight, so that a stop can wait for them: once {@link #beginStop()} is called, new
 * exchanges are answered 503 with {@code Connection: close}, and {@link #awaitIdle} returns when the rest are done.
 */
final class RequestHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    private static final String JSON = "application/json";
    private static final int DRAIN_FACTOR = 8;
    private static final String PATHS = "POST /predict, POST /feedback, GET /metrics, GET /health, GET /model";

    private final MonitoredPipeline monitor;
    private final PredictRequest.Schema schema;
    private final double threshold;
    private final byte[] modelCard;
    private final int maxBodyBytes;
    private final HttpMetrics metrics = new HttpMetrics();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean stopping;

    RequestHandler(MonitoredPipeline monitor, String modelCard, int maxBodyBytes) {
        this.monitor = monitor;
        FittedPipeline pipeline = monitor.pipeline();
        boolean acceptsMissing = !pipeline.stages().isEmpty() && pipeline.stages().get(0).acceptsMissing();
        this.schema = new PredictRequest.Schema(pipeline.featureNames(), acceptsMissing);
        this.threshold = pipeline.model() instanceof Classifier classifier ? classifier.threshold() : Double.NaN;
        this.modelCard = modelCard.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        Endpoint endpoint = Endpoint.OTHER;
        int status = 500;
        try {
            endpoint = Endpoint.of(exchange.getRequestURI().getPath());
            Response response;
            try {
                response = answer(exchange, endpoint);
            } catch (HttpError e) {
                response = new Response(e.status(), JSON, Json.error(e.getMessage()), e.headers());
            } catch (RuntimeException e) {
                LOG.error("unexpected failure answering {} {}", exchange.getRequestMethod(), endpoint.path(), e);
                response = new Response(500, JSON, Json.error("internal error; the server's log has the details"),
                        Map.of());
            }
            status = response.status();
            send(exchange, response);
        } catch (IOException e) {
            // The client went away or the connection broke while answering: nobody is left to tell.
            LOG.debug("could not answer {} {}: {}", exchange.getRequestMethod(), endpoint.path(), e.toString());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure sending the answer to {} {}", exchange.getRequestMethod(), endpoint.path(),
                    e);
        } finally {
            exchange.close();
            metrics.record(endpoint, status, System.nanoTime() - start);
            if (inFlight.decrementAndGet() == 0 && stopping) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }
    }

    private Response answer(HttpExchange exchange, Endpoint endpoint) {
        if (stopping) {
            throw new HttpError(503, "the server is stopping", Map.of("Connection", "close"));
        }
        if (endpoint == Endpoint.OTHER) {
            throw new HttpError(404, "no such path " + Json.quote(exchange.getRequestURI().getPath())
                    + "; the server answers " + PATHS);
        }
        String method = exchange.getRequestMethod();
        if (!method.equals(endpoint.method())) {
            throw new HttpError(405, String.format(Locale.ROOT, "%s takes %s, not %s", endpoint.path(),
                    endpoint.method(), Json.quote(method)), Map.of("Allow", endpoint.method()));
        }
        return switch (endpoint) {
            case PREDICT -> predict(PredictRequest.read(readJsonBody(exchange), schema));
            case FEEDBACK -> feedback(FeedbackRequest.read(readJsonBody(exchange)));
            case METRICS -> new Response(200, MonitorSnapshot.PROMETHEUS_CONTENT_TYPE, metricsText(), Map.of());
            case HEALTH -> new Response(200, JSON, Json.write(generator -> {
                generator.writeStartObject();
                generator.writeStringField("status", "up");
                generator.writeEndObject();
            }), Map.of());
            case MODEL -> new Response(200, JSON, modelCard, Map.of());
            case OTHER -> throw new IllegalStateException("unreachable: OTHER is answered 404 above");
        };
    }

    private byte[] metricsText() {
        String text = monitor.snapshot().toPrometheusText() + metrics.render(inFlight.get());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Response predict(PredictRequest request) {
        double[][] rows = request.rows();
        double[] predictions = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            try {
                predictions[i] = monitor.predict(rows[i]);
            } catch (IllegalArgumentException e) {
                // The pipeline's own input check: the rows passed ours, so say which one it refused and why.
                throw HttpError.badRequest((request.single() ? "X: " : "row " + i + ": ") + e.getMessage());
            }
        }
        boolean classifier = !Double.isNaN(threshold);
        return new Response(200, JSON, Json.write(generator -> {
            generator.writeStartObject();
            if (request.single()) {
                generator.writeNumberField("y_pred", predictions[0]);
                if (classifier) {
                    generator.writeNumberField("label", label(predictions[0]));
                }
            } else {
                generator.writeArrayFieldStart("y_pred");
                for (double prediction : predictions) {
                    generator.writeNumber(prediction);
                }
                generator.writeEndArray();
                if (classifier) {
                    generator.writeArrayFieldStart("label");
                    for (double prediction : predictions) {
                        generator.writeNumber(label(prediction));
                    }
                    generator.writeEndArray();
                }
            }
            generator.writeEndObject();
        }), Map.of());
    }

    private int label(double probability) {
        return probability >= threshold ? 1 : 0;
    }

    private Response feedback(FeedbackRequest request) {
        try {
            monitor.feedback(request.predicted(), request.actual());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return new Response(200, JSON, Json.write(generator -> {
            generator.writeStartObject();
            generator.writeNumberField("accepted", request.predicted().length);
            generator.writeEndObject();
        }), Map.of());
    }

    /**
     * The body of a POST: JSON, UTF-8, at most {@code maxBodyBytes}. Reads at most one byte more, whatever the
     * declared length, before deciding; see {@link #tooLarge} for what becomes of the rest.
     */
    private byte[] readJsonBody(HttpExchange exchange) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!isJsonUtf8(contentType)) {
            throw new HttpError(415, (contentType == null ? "the request has no Content-Type"
                    : "Content-Type " + Json.quote(contentType) + " is not supported")
                    + "; send the body as application/json (UTF-8)");
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge(in);
            }
            return body;
        } catch (IOException e) {
            throw HttpError.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    /**
     * The 413 for a body over the limit. The rest of the body is read and dropped, up to
     * {@value #DRAIN_FACTOR} times the limit, before answering: a server that closes a connection with unread data
     * makes the kernel reset it, and the client would see the reset instead of the 413. A body longer still is left
     * unread and the connection closed after the answer.
     */
    private HttpError tooLarge(InputStream rest) {
        boolean drained = drain(rest, (long) DRAIN_FACTOR * maxBodyBytes);
        return new HttpError(413, String.format(Locale.ROOT, "the body is larger than the limit of %d bytes; send"
                + " fewer rows per request", maxBodyBytes), drained ? Map.of() : Map.of("Connection", "close"));
    }

    /** Reads and drops up to {@code limit} bytes; true if the stream ended within them. */
    private static boolean drain(InputStream in, long limit) {
        byte[] buffer = new byte[8192];
        try {
            for (long left = limit; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
            return in.read() < 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code application/json}, any letter case, with no charset parameter or a UTF-8 one. */
    static boolean isJsonUtf8(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(JSON)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(equals + 1).trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    /** From now on, answers new exchanges 503; {@link #awaitIdle} waits for those already in flight. */
    void beginStop() {
        stopping = true;
    }

    /** Waits until no exchange is in flight, or the timeout passes; true if none is. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    /** The exchanges being handled now. */
    int inFlight() {
        return inFlight.get();
    }

    /** Whether {@link #beginStop()} was called. */
    boolean stopping() {
        return stopping;
    }

    /** A complete response, built before anything is sent. */
    private record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    }
}
