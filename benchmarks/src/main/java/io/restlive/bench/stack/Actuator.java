package io.restlive.bench.stack;

import io.restlive.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Reads Spring Boot actuator metrics of a process of the stack. */
public final class Actuator {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The first measurement of {@code GET <base>/actuator/metrics/<name>?tag=<tag>}.
     *
     * @param base the process's base URL, {@code http://127.0.0.1:<port>}
     * @param name the meter, e.g. {@code jvm.memory.used}
     * @param tag a {@code key:value} filter, or {@code null}
     * @throws IllegalStateException if the endpoint does not answer 200 (is {@code metrics} exposed?)
     */
    public double metric(URI base, String name, String tag) {
        String query = tag == null ? "" : "?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8);
        URI uri = base.resolve("/actuator/metrics/" + name + query);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode()
                        + " (the process must expose the actuator 'metrics' endpoint)");
            }
            JsonNode measurements = Json.parse(response.body()).path("measurements");
            return measurements.path(0).path("value").asDouble();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + uri, e);
        }
    }
}
