package io.maas.benchmarks.serve;

import io.maas.data.Dataset;
import io.maas.data.SampleData;
import io.maas.model.LinearRegression;
import io.maas.monitor.MonitoredPipeline;
import io.maas.pipeline.FittedPipeline;
import io.maas.pipeline.Pipeline;
import io.maas.preprocess.Scale;
import io.maas.serve.PredictionServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * How many predictions per second does the prediction server answer on loopback to four client threads, and at
 * what latency? The load check of the serving issue: four JMH threads, each a synchronous client on its own JDK
 * {@link HttpClient} (keep-alive HTTP/1.1), send {@code POST /predict {"X": [..row..]}} for 10 seconds after a
 * 5-second warm-up, cycling through the 442 diabetes rows; the server has four worker threads and serves the
 * pipeline of the issue (standard scaling, least squares).
 *
 * <p>JMH's score is the requests per second of all four threads together. Each iteration gets a fresh server so
 * that its {@code /metrics} cover that iteration alone; at the end of each iteration the benchmark prints, from
 * {@code /metrics}, the server-side p50 and p99 latency of {@code /predict} (handler start to last byte written;
 * the quantiles cover the last minute, here the whole iteration) and of the monitored predictions, the request and
 * failure counts, and the errors the clients saw (non-200 answers or exceptions), which must be 0.
 *
 * <p>Clients and server share the machine, a VM with 2 cores also used by other work: the figure is a floor for
 * the server, not its capacity. Run it with
 * <pre>
 * mvn -B -pl maas-benchmarks -am -P benchmark -DskipTests verify -Djmh.args="ServeLoadBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 1, time = 10)
@Threads(4)
@State(Scope.Benchmark)
public class ServeLoadBenchmark {

    private static final Pattern SAMPLE = Pattern.compile("^(\\S+) (\\S+)$", Pattern.MULTILINE);

    private FittedPipeline pipeline;
    private byte[][] bodies;
    private PredictionServer server;
    private URI predict;
    private final AtomicLong clientErrors = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    /** One client per thread, as four independent callers would be. */
    @State(Scope.Thread)
    public static class Caller {

        private HttpClient client;
        private int next;

        /**
         * Creates this thread's client and staggers its first row.
         *
         * @param thread JMH's description of the thread
         */
        @Setup(Level.Trial)
        public void setUp(ThreadParams thread) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            next = thread.getThreadIndex() * 97;
        }
    }

    /** Fits the pipeline and writes the request bodies once per trial. */
    @Setup(Level.Trial)
    public void fit() {
        Dataset diabetes = SampleData.diabetes();
        pipeline = Pipeline.builder()
                .preprocess(Scale.standard())
                .model(LinearRegression.leastSquares())
                .build()
                .fit(diabetes);
        bodies = new byte[diabetes.rowCount()][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = Arrays.stream(diabetes.row(i)).mapToObj(Double::toString)
                    .collect(Collectors.joining(", ", "{\"X\": [", "]}")).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Starts a fresh server for the iteration.
     *
     * @throws IOException if no loopback port can be bound
     */
    @Setup(Level.Iteration)
    public void start() throws IOException {
        server = PredictionServer.builder(MonitoredPipeline.builder(pipeline).name("diabetes").build())
                .address(new InetSocketAddress("127.0.0.1", 0))
                .threads(4)
                .start();
        predict = server.uri().resolve("/predict");
        clientErrors.set(0);
        sent.set(0);
    }

    /**
     * Sends one prediction request and waits for the answer.
     *
     * @param caller this thread's client
     * @return the status code, 200 unless something failed (then counted as a client error)
     */
    @Benchmark
    public int predict(Caller caller) {
        byte[] body = bodies[caller.next];
        caller.next = caller.next + 1 == bodies.length ? 0 : caller.next + 1;
        HttpRequest request = HttpRequest.newBuilder(predict)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        sent.incrementAndGet();
        try {
            HttpResponse<String> response = caller.client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().startsWith("{\"y_pred\":")) {
                clientErrors.incrementAndGet();
            }
            return response.statusCode();
        } catch (IOException e) {
            clientErrors.incrementAndGet();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clientErrors.incrementAndGet();
            return -1;
        }
    }

    /**
     * Reads the server's {@code /metrics}, prints the latencies and counts of the iteration, and stops the server.
     *
     * @throws IOException          if {@code /metrics} cannot be read
     * @throws InterruptedException if interrupted while reading it
     */
    @TearDown(Level.Iteration)
    public void report() throws IOException, InterruptedException {
        try {
            HttpClient client = HttpClient.newHttpClient();
            String metrics = client.send(HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            System.out.printf(Locale.ROOT, "%n[load] sent=%d client errors=%d | /predict requests=%s failures=%s"
                            + " 200s=%s | server-side latency p50=%s ms p99=%s ms | model predict p50=%s us p99=%s us"
                            + "%n", sent.get(), clientErrors.get(),
                    value(metrics, "maas_http_requests_total{endpoint=\"/predict\"}"),
                    value(metrics, "maas_http_failures_total{endpoint=\"/predict\"}"),
                    value(metrics, "maas_http_responses_total{code=\"200\",endpoint=\"/predict\"}"),
                    millis(metrics, "maas_http_latency_seconds{endpoint=\"/predict\",quantile=\"0.5\"}"),
                    millis(metrics, "maas_http_latency_seconds{endpoint=\"/predict\",quantile=\"0.99\"}"),
                    micros(metrics, "maas_predict_latency_seconds{model=\"diabetes\",quantile=\"0.5\"}"),
                    micros(metrics, "maas_predict_latency_seconds{model=\"diabetes\",quantile=\"0.99\"}"));
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }

    private static String value(String metrics, String series) {
        Matcher sample = SAMPLE.matcher(metrics);
        while (sample.find()) {
            if (sample.group(1).equals(series)) {
                return sample.group(2);
            }
        }
        return "absent";
    }

    private static String millis(String metrics, String series) {
        String seconds = value(metrics, series);
        return seconds.equals("absent") ? seconds
                : String.format(Locale.ROOT, "%.3f", Double.parseDouble(seconds) * 1e3);
    }

    private static String micros(String metrics, String series) {
        String seconds = value(metrics, series);
        return seconds.equals("absent") ? seconds
                : String.format(Locale.ROOT, "%.2f", Double.parseDouble(seconds) * 1e6);
    }
}
