package io.maas.serve;

import com.sun.net.httpserver.HttpServer;
import io.maas.monitor.MonitoredPipeline;
import io.maas.pipeline.FittedPipeline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a fitted model over HTTP with the JDK's built-in server ({@code com.sun.net.httpserver}): predictions,
 * feedback, metrics, health and the model card, JSON in and out.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>Request</th><th>Answer</th></tr>
 *   <tr><td>{@code POST /predict {"X": [..row..]}}</td><td>{@code {"y_pred": value}}</td></tr>
 *   <tr><td>{@code POST /predict {"X": [[..], [..]]}} or {@code {"rows": [{"bmi": 32.1, ...}]}}</td>
 *       <td>{@code {"y_pred": [values]}}</td></tr>
 *   <tr><td>{@code POST /feedback {"y_pred": .., "y_true": ..}} (numbers or equal-length lists)</td>
 *       <td>{@code {"accepted": n}}</td></tr>
 *   <tr><td>{@code GET /metrics}</td><td>Prometheus text: the model's {@code maas_predict_*},
 *       {@code maas_feedback_*} and {@code maas_quality_*}, the server's {@code maas_http_*}</td></tr>
 *   <tr><td>{@code GET /health}</td><td>{@code {"status": "up"}}</td></tr>
 *   <tr><td>{@code GET /model}</td><td>the model card</td></tr>
 * </table>
 * A classifier's answers also carry {@code "label"} (0 or 1) beside {@code "y_pred"} (the probability of 1).
 *
 * <p>Errors are a status and {@code {"error": "what is wrong"}}, never a stack trace: 400 for malformed JSON (NaN,
 * Infinity, duplicate keys, trailing content included), a row of the wrong width, an unknown or missing feature, a
 * non-finite or missing value; 404 for an unknown path; 405 with {@code Allow} for a wrong method; 413 for a body
 * over the limit (1 MiB by default; at most one byte more is read); 415 for a POST that is not
 * {@code application/json} in UTF-8; 503 while stopping; 500 only for an unexpected failure, which is logged.
 *
 * <p>Starting a server sets the system property {@code sun.net.httpserver.nodelay} to {@code true} unless it is
 * set already: without it, every response of the JDK server waits 40 ms for a delayed acknowledgement.
 *
 * <p>Predictions go through the {@link MonitoredPipeline}, so {@code /metrics} counts them. The server runs a
 * dispatcher thread and a fixed pool of worker threads that it creates and, on {@link #stop(Duration)}, shuts down.
 * It binds to 127.0.0.1 unless told otherwise. The command line starts it with
 * <pre>{@code
 * PredictionServer server = PredictionServer.start(model, cardJson, new InetSocketAddress("127.0.0.1", 8080), 4);
 * Runtime.getRuntime().addShutdownHook(server.shutdownHook(Duration.ofSeconds(10)));   // SIGTERM drains
 * server.awaitStop();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class PredictionServer implements AutoCloseable {

    /** The grace period of {@link #close()}. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(PredictionServer.class);
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService workers;
    private final RequestHandler handler;
    private final MonitoredPipeline monitor;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private PredictionServer(Builder builder) throws IOException {
        this.monitor = builder.monitor;
        String card = builder.modelCard != null ? builder.modelCard
                : ModelCard.of(monitor.name(), monitor.pipeline()).toJson();
        this.handler = new RequestHandler(monitor, card, builder.maxBodyBytes);
        disableNagle();
        this.server = HttpServer.create(builder.address, 0);
        this.workers = Executors.newFixedThreadPool(builder.threads, threadsNamed(
                "maas-serve-" + server.getAddress().getPort() + "-worker-"));
        server.createContext("/", handler);
        server.setExecutor(workers);
        server.start();
        LOG.info("serving model '{}' at {} with {} worker threads", monitor.name(), uri(), builder.threads);
    }

    /**
     * Starts serving a fitted model: the convenience for the command line, with a body limit of 1 MiB.
     *
     * @param model         the fitted pipeline; its predictions are monitored
     * @param modelCardJson the JSON object {@code GET /model} answers with
     * @param address       the address to bind, such as 127.0.0.1:8080 (port 0: any free port)
     * @param threads       the number of worker threads, in [1, {@value Builder#MAX_THREADS}]
     * @return the running server
     * @throws IOException              if the address cannot be bound
     * @throws IllegalArgumentException if the card is not a JSON object, {@code threads} is out of range, or the model
     *                                  reads categorical features (see {@link #builder})
     */
    public static PredictionServer start(FittedPipeline model, String modelCardJson, InetSocketAddress address,
                                         int threads) throws IOException {
        return builder(MonitoredPipeline.of(model)).modelCard(modelCardJson).address(address).threads(threads)
                .start();
    }

    /**
     * Returns a builder for a server of a monitored model, with the defaults: 127.0.0.1:8080, 4 worker threads, a
     * body limit of 1 MiB, and the card {@link ModelCard#of} the pipeline.
     *
     * @param model the monitored model to serve; it reads numeric features only, since requests carry numbers
     * @return a new builder
     * @throws IllegalArgumentException if the model also reads categorical features (a one-hot encoded pipeline):
     *                                  refused at once rather than answering every request 400
     */
    public static Builder builder(MonitoredPipeline model) {
        Objects.requireNonNull(model, "model");
        if (!model.pipeline().categoricalNames().isEmpty()) {
            throw new IllegalArgumentException("the server takes rows of numbers, but the model also reads the "
                    + "categorical features " + model.pipeline().categoricalNames() + "; predict with "
                    + "FittedPipeline.predict(Map) instead");
        }
        return new Builder(model);
    }

    /**
     * Returns the address the server is bound to, with the actual port when 0 was asked for.
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Returns the base URI of the server, such as {@code http://127.0.0.1:8080/}.
     *
     * @return the URI, with the address's literal IP
     */
    public URI uri() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        return URI.create(String.format(Locale.ROOT, "http://%s:%d/",
                host.contains(":") ? "[" + host + "]" : host, address.getPort()));
    }

    /**
     * Returns the monitored model the server predicts with, for its snapshot.
     *
     * @return the monitor
     */
    public MonitoredPipeline monitor() {
        return monitor;
    }

    /**
     * Stops the server gracefully: new requests are refused (503, or the connection is refused once the listener
     * is closed), requests in flight are given up to {@code grace} to finish, then every connection is closed and
     * the threads are shut down. Returns when they are; a second call waits for the first.
     *
     * @param grace how long to wait for requests in flight, &ge; 0
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    public void stop(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must be >= 0 but was " + grace);
        }
        if (!stopRequested.compareAndSet(false, true)) {
            awaitStopUninterruptibly();
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        handler.beginStop();
        try {
            if (!handler.awaitIdle(grace)) {
                LOG.warn("stopping with {} requests still in flight after the grace period of {}",
                        handler.inFlight(), grace);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        server.stop(0); // closes the listener and every connection, and joins the dispatcher thread
        workers.shutdown();
        try {
            // Closed connections end any handler still reading; give them the rest of the grace and a second.
            long left = Math.max(deadline - System.nanoTime(), 0) + TimeUnit.SECONDS.toNanos(1);
            if (!workers.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            interrupted = true;
        }
        stopped.countDown();
        LOG.info("stopped serving model '{}': {}", monitor.name(), monitor.snapshot().predictions());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks until the server has stopped.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Returns an unstarted thread that stops the server with the given grace, for
     * {@link Runtime#addShutdownHook(Thread)}: the JVM runs it on SIGTERM or SIGINT, and requests in flight finish.
     *
     * @param grace how long to wait for requests in flight
     * @return a new thread, not started
     */
    public Thread shutdownHook(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        return new Thread(() -> stop(grace), "maas-serve-shutdown");
    }

    /** Stops the server with the {@link #DEFAULT_GRACE} grace period; see {@link #stop(Duration)}. */
    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    /** The requests being handled now, for tests of the graceful stop. */
    int inFlight() {
        return handler.inFlight();
    }

    /** Whether a stop has begun: new requests are answered 503. */
    boolean stopping() {
        return handler.stopping();
    }

    private void awaitStopUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Turns Nagle's algorithm off for the JDK server's connections, unless the application chose otherwise. The JDK
     * server sends a response's headers and body in two writes; with Nagle on, the body waits for the client's
     * (delayed) acknowledgement of the headers, 40 ms on Linux, on every response: on loopback, 87 requests per
     * second instead of 2,000. The JDK reads the switch once, when the first server of the JVM is created.
     */
    private static void disableNagle() {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private static ThreadFactory threadsNamed(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> new Thread(task, prefix + count.incrementAndGet());
    }

    /** Configures and starts a {@link PredictionServer}; not thread-safe. */
    public static final class Builder {

        /** The most worker threads a server may have. */
        public static final int MAX_THREADS = 256;

        /** The largest body limit, 64 MiB. */
        public static final int MAX_BODY_LIMIT = 64 << 20;

        private final MonitoredPipeline monitor;
        private String modelCard;
        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 8080);
        private int threads = 4;
        private int maxBodyBytes = 1 << 20;

        private Builder(MonitoredPipeline monitor) {
            this.monitor = monitor;
        }

        /**
         * Sets the model card {@code GET /model} answers with, as JSON text.
         *
         * @param json one JSON object
         * @return this builder
         * @throws IllegalArgumentException if the text is not one JSON object
         */
        public Builder modelCard(String json) {
            Objects.requireNonNull(json, "json");
            if (!Json.isObject(json)) {
                throw new IllegalArgumentException("the model card must be one JSON object but was "
                        + Json.quote(json));
            }
            this.modelCard = json;
            return this;
        }

        /**
         * Sets the model card {@code GET /model} answers with.
         *
         * @param card the card
         * @return this builder
         */
        public Builder modelCard(ModelCard card) {
            this.modelCard = Objects.requireNonNull(card, "card").toJson();
            return this;
        }

        /**
         * Sets the address to bind.
         *
         * @param socketAddress an IP address and port, such as 127.0.0.1:8080; port 0 picks a free port
         * @return this builder
         * @throws IllegalArgumentException if the address is unresolved
         */
        public Builder address(InetSocketAddress socketAddress) {
            Objects.requireNonNull(socketAddress, "socketAddress");
            if (socketAddress.isUnresolved()) {
                throw new IllegalArgumentException("the address " + socketAddress + " is unresolved");
            }
            this.address = socketAddress;
            return this;
        }

        /**
         * Sets the number of worker threads that handle requests.
         *
         * @param count in [1, {@value #MAX_THREADS}]
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is out of range
         */
        public Builder threads(int count) {
            if (count < 1 || count > MAX_THREADS) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "threads must be in [1, %d] but was %d", MAX_THREADS, count));
            }
            this.threads = count;
            return this;
        }

        /**
         * Sets the largest request body accepted; larger ones are answered 413.
         *
         * @param bytes in [1, {@value #MAX_BODY_LIMIT}]
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is out of range
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1 || bytes > MAX_BODY_LIMIT) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "maxBodyBytes must be in [1, %d] but was %d", MAX_BODY_LIMIT, bytes));
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Binds the address and starts serving.
         *
         * @return the running server
         * @throws IOException if the address cannot be bound
         */
        public PredictionServer start() throws IOException {
            return new PredictionServer(this);
        }
    }
}
