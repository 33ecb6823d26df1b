package io.maas.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The JDK's HttpClient pointed at one server, and checks the server tests share. */
final class Client {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI base;

    Client(PredictionServer server) {
        this.base = server.uri();
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> postJson(String path, String body) {
        return post(path, "application/json", body);
    }

    /** A POST with the given content type, or none when it is null. */
    HttpResponse<String> post(String path, String contentType, String body) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    HttpResponse<String> send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Checks that a response is an error with this status and a JSON body of one "error" string, no stack trace. */
    static String error(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.size()).as(response.body()).isEqualTo(1);
        assertThat(body.get("error").isTextual()).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "at io.maas", "at java.", "at com.");
        return body.get("error").asText();
    }

    /** The value of one sample in Prometheus text, such as {@code maas_http_requests_total{endpoint="/predict"}}. */
    static double sample(String text, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        if (!line.find()) {
            fail("no sample " + series + " in\n" + text);
        }
        return Double.parseDouble(line.group(1));
    }

    /** The live threads that were not in {@code before}, apart from the HTTP client's and the common pool's. */
    static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> !name.startsWith("HttpClient-") && !name.startsWith("ForkJoinPool.commonPool"))
                .sorted()
                .collect(Collectors.toList());
    }

    /**
     * Checks that every thread started since {@code before} has ended, apart from the HTTP client's: a thread may
     * take a moment to finish after its pool has terminated, so this waits up to ten seconds for them to go.
     */
    static void assertNoThreadLeft(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> left = newThreads(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            left = newThreads(before);
        }
        assertThat(left).as("threads left running after stop").isEmpty();
    }
}
