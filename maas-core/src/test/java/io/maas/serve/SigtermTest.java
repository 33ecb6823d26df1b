package io.maas.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a serving JVM lets the request in flight finish: the test starts {@link ServeUntilSigterm} as a
 * process, holds a request half sent, sends SIGTERM ({@link Process#destroy()} on Linux), finishes the request and
 * gets its 200, and sees the process exit as a terminated one (status 143).
 */
@EnabledOnOs(OS.LINUX)
class SigtermTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void sigterm_finishes_the_request_in_flight_then_exits(@TempDir Path logs) throws Exception {
        Path stderr = logs.resolve("stderr.txt");
        Process process = new ProcessBuilder(javaCommand())
                .redirectError(stderr.toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).as("the server's first line; its stderr:%n%s", read(stderr)).startsWith("port ");
            int port = Integer.parseInt(first.substring("port ".length()));
            URI base = URI.create("http://127.0.0.1:" + port + "/");

            try (PredictionServerLifecycleTest.SlowRequest inFlight =
                         new PredictionServerLifecycleTest.SlowRequest(new InetSocketAddress("127.0.0.1", port))) {
                // In flight: the slow request and the /metrics request that counts it.
                PredictionServerLifecycleTest.awaitTrue(
                        () -> get(base.resolve("/metrics")).body().contains("\nmaas_http_requests_in_flight 2\n"));

                process.destroy();
                PredictionServerLifecycleTest.awaitTrue(() -> get(base.resolve("/health")).statusCode() == 503);
                String answer = inFlight.finish();

                assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("{\"y_pred\":");
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            assertThat(read(stderr)).contains("stopped serving model 'progression': requests=1 failures=0");
        } finally {
            process.destroyForcibly();
        }
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + uri + " failed", e);
        }
    }

    /**
     * This JVM's java running {@link ServeUntilSigterm}, on a class path of everything this test sees: main and test
     * classes, every dependency.
     */
    static List<String> javaCommand(String... jvmOptions) throws Exception {
        List<String> path = new ArrayList<>();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                path.add(value);
            }
        }
        path.add(Paths.get(ServeUntilSigterm.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, path), ServeUntilSigterm.class.getName()));
        return command;
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
