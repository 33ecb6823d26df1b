package io.maas.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maas.data.SampleData;
import io.maas.monitor.Fixtures;
import io.maas.monitor.MonitoredPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Starting, stopping and what a stop does to requests in flight; every test checks that no thread is left. */
class PredictionServerLifecycleTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private static PredictionServer start() throws IOException {
        return PredictionServer.builder(MonitoredPipeline.of(Fixtures.diabetes())).address(ANY_PORT).threads(2)
                .start();
    }

    /** A request whose headers and first bytes of body are sent; the rest waits for {@link #finish}. */
    static final class SlowRequest implements AutoCloseable {

        private final Socket socket;
        private final byte[] body;

        SlowRequest(PredictionServer server) throws IOException {
            this(server.address());
        }

        SlowRequest(InetSocketAddress address) throws IOException {
            String row = Arrays.stream(SampleData.diabetes().row(0)).mapToObj(Double::toString)
                    .collect(Collectors.joining(", ", "{\"X\": [", "]}"));
            this.body = row.getBytes(StandardCharsets.UTF_8);
            this.socket = new Socket(address.getAddress(), address.getPort());
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 5);
            out.flush();
        }

        /** Sends the rest of the body and returns everything the server sends until it closes the connection. */
        String finish() throws IOException {
            socket.getOutputStream().write(body, 5, body.length - 5);
            socket.getOutputStream().flush();
            return readToEnd();
        }

        String readToEnd() throws IOException {
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void a_stop_lets_the_request_in_flight_finish_and_answers_new_ones_503() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        PredictionServer server = start();
        Client client = new Client(server);
        try (SlowRequest inFlight = new SlowRequest(server)) {
            awaitTrue(() -> server.inFlight() == 1);

            Thread stopper = new Thread(() -> server.stop(Duration.ofSeconds(60)), "test-stopper");
            stopper.start();
            awaitTrue(server::stopping);
            String refused = Client.error(client.get("/health"), 503);
            Thread.sleep(100);
            boolean stillStopping = stopper.isAlive();
            String answer = inFlight.finish();
            stopper.join(30_000);

            assertThat(refused).isEqualTo("the server is stopping");
            assertThat(stillStopping).as("stop waits for the request in flight").isTrue();
            assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("{\"y_pred\":");
            assertThat(stopper.isAlive()).isFalse();
            assertThat(server.monitor().snapshot().predictions().requests().count()).isEqualTo(1);
        }
        Client.assertNoThreadLeft(before);
    }

    @Test
    void a_request_still_in_flight_after_the_grace_period_is_cut_off_and_no_thread_is_left() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        PredictionServer server = start();
        try (SlowRequest stuck = new SlowRequest(server)) {
            awaitTrue(() -> server.inFlight() == 1);

            long start = System.nanoTime();
            server.stop(Duration.ofMillis(200));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofSeconds(20));
            assertThat(stuck.readToEnd()).doesNotContain("200 OK");
            assertThat(server.monitor().snapshot().predictions().requests().count()).isZero();
        }
        Client.assertNoThreadLeft(before);
    }

    @Test
    void stop_is_idempotent_and_await_stop_returns_once_stopped() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        PredictionServer server = start();
        Thread waiter = new Thread(() -> {
            try {
                server.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-waiter");
        waiter.start();

        Thread hook = server.shutdownHook(Duration.ofSeconds(5));
        assertThat(hook.getState()).isEqualTo(Thread.State.NEW);
        hook.start();
        hook.join(30_000);
        server.stop(Duration.ZERO);
        server.close();
        waiter.join(30_000);

        assertThat(hook.isAlive()).isFalse();
        assertThat(waiter.isAlive()).isFalse();
        Client.assertNoThreadLeft(before);
    }

    @Test
    void a_port_in_use_fails_to_start_and_starts_no_thread() throws Exception {
        try (PredictionServer first = start()) {
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            assertThatThrownBy(() -> PredictionServer.builder(MonitoredPipeline.of(Fixtures.diabetes()))
                    .address(first.address()).start())
                    .isInstanceOf(BindException.class);
            Client.assertNoThreadLeft(before);
        }
    }

    @Test
    void options_are_checked_where_they_are_given() {
        PredictionServer.Builder builder = PredictionServer.builder(MonitoredPipeline.of(Fixtures.diabetes()));

        assertThatThrownBy(() -> builder.threads(0)).hasMessage("threads must be in [1, 256] but was 0");
        assertThatThrownBy(() -> builder.maxBodyBytes(0))
                .hasMessage("maxBodyBytes must be in [1, 67108864] but was 0");
        assertThatThrownBy(() -> builder.modelCard("[1, 2]"))
                .hasMessage("the model card must be one JSON object but was '[1, 2]'");
        assertThatThrownBy(() -> builder.modelCard("{\"a\": 1} {}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.address(InetSocketAddress.createUnresolved("nowhere.invalid", 80)))
                .hasMessageContaining("unresolved");
    }

    @Test
    void a_model_with_categorical_features_is_refused_before_anything_starts() throws Exception {
        io.maas.pipeline.FittedPipeline encoded = io.maas.pipeline.Pipeline.builder()
                .features(io.maas.features.OneHot.encode())
                .model(io.maas.model.LinearRegression.leastSquares(io.maas.solver.LeastSquares.builder().ridge(1.0)
                        .build()))
                .build()
                .fit(io.maas.data.Dataset.builder().features(java.util.List.of("x"), new double[][] {{1}, {2}, {3}})
                        .categorical("city", java.util.List.of("Oslo", "Rome", "Oslo"))
                        .target("y", new double[] {1, 2, 3}).build());
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

        assertThatThrownBy(() -> PredictionServer.builder(MonitoredPipeline.of(encoded)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the server takes rows of numbers, but the model also reads the categorical features "
                        + "[city]; predict with FittedPipeline.predict(Map) instead");
        Client.assertNoThreadLeft(before);
    }

    @Test
    void starting_a_server_turns_nagle_off_for_the_jdk_server() throws Exception {
        PredictionServer server = start();
        try {
            // Without it every response would wait for the client's delayed ACK of its headers (40 ms on Linux).
            assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
        } finally {
            server.close();
        }
    }

    @Test
    void a_negative_grace_is_rejected() throws Exception {
        try (PredictionServer server = start()) {
            assertThatThrownBy(() -> server.stop(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("grace must be >= 0 but was PT-1S");
        }
    }
}
