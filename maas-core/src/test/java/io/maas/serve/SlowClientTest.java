package io.maas.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A client that starts a request and never finishes sending it holds a worker thread while the server reads its body.
 * With every worker held so, the server answers nothing else, unless the JDK server's request time limit
 * ({@code sun.net.httpserver.maxReqTime}, seconds, which {@code maas serve} sets) closes such connections. The test
 * runs the server as its own process with a limit of 1 s and two workers, holds both with half-sent requests, and
 * expects {@code /health} answered within seconds.
 */
@EnabledOnOs(OS.LINUX)
class SlowClientTest {

    @Test
    void requests_that_never_finish_arriving_are_cut_off_and_free_their_workers() throws Exception {
        Process process = new ProcessBuilder(SigtermTest.javaCommand("-Dsun.net.httpserver.maxReqTime=1"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = Integer.parseInt(out.readLine().substring("port ".length()));
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            try (PredictionServerLifecycleTest.SlowRequest first =
                         new PredictionServerLifecycleTest.SlowRequest(address);
                 PredictionServerLifecycleTest.SlowRequest second =
                         new PredictionServerLifecycleTest.SlowRequest(address)) {
                long start = System.nanoTime();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                double seconds = (System.nanoTime() - start) / 1e9;

                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(seconds).as("seconds until /health was answered").isLessThan(10);
                assertThat(first.readToEnd()).doesNotContain("y_pred");
                assertThat(second.readToEnd()).doesNotContain("y_pred");
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
