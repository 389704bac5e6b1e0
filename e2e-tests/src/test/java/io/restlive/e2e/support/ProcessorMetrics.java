package io.restlive.e2e.support;

import io.restlive.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Reads the processor's actuator metrics, e.g. its number of live subscription groups. */
public final class ProcessorMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI processorUrl;

    public ProcessorMetrics(URI processorUrl) {
        this.processorUrl = processorUrl;
    }

    /** The live subscription groups this processor knows ({@code restlive.processor.groups}). */
    public double liveGroups() {
        return value("restlive.processor.groups");
    }

    /** Edge sessions it expired after they fell silent ({@code restlive.processor.edges.expired}). */
    public double expiredEdges() {
        return value("restlive.processor.edges.expired");
    }

    /** The first measurement of a metric. */
    public double value(String metric) {
        HttpRequest request = HttpRequest.newBuilder(processorUrl.resolve("/actuator/metrics/" + metric))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(metric + ": HTTP " + response.statusCode() + " " + response.body());
            }
            JsonNode body = Json.parseObject(response.body());
            return body.get("measurements").get(0).get("value").asDouble();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + metric + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
