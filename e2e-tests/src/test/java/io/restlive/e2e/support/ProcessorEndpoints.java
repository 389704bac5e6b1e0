package io.restlive.e2e.support;

import io.restlive.cli.stack.LocalStack;
import io.restlive.core.internalapi.InternalApiAuth;
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

/**
 * The processor's HTTP side as tests use it: actuator metrics (e.g. its number of live subscription
 * groups) and the lookup edges resolve retrieve subscriptions with.
 */
public final class ProcessorEndpoints {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI processorUrl;
    private final String internalSecret;

    /**
     * @param internalSecret presented to {@code /internal/**} as the edges present it; null presents none
     */
    public ProcessorEndpoints(URI processorUrl, String internalSecret) {
        this.processorUrl = processorUrl;
        this.internalSecret = internalSecret;
    }

    /** The processor of a stack, called with the stack's internal secret. */
    public static ProcessorEndpoints of(LocalStack stack) {
        return new ProcessorEndpoints(stack.processorUrl(), stack.internalSecret());
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
        HttpResponse<String> response = get("/actuator/metrics/" + metric);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(metric + ": HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode body = Json.parseObject(response.body());
        return body.get("measurements").get(0).get("value").asDouble();
    }

    /**
     * Whether the processor has stored an instance of {@code model} whose {@code field} equals
     * {@code valueJson}, i.e. whether a retrieve subscription would find it now.
     */
    public boolean hasInstance(String model, String field, String valueJson) {
        return get("/internal/lookup?model=" + encode(model) + "&field=" + encode(field) + "&value="
                + encode(valueJson)).statusCode() == 200;
    }

    /**
     * Whether the processor has stored instance {@code pk} of {@code model} with {@code field} equal to
     * {@code valueJson}: a lookup by pk (the processor answers lookups by a view's lookup field only), then the
     * field compared.
     */
    public boolean hasState(String model, Object pk, String field, String valueJson) {
        HttpResponse<String> response = get("/internal/lookup?model=" + encode(model) + "&field=pk&value="
                + encode(String.valueOf(pk)));
        return response.statusCode() == 200
                && Json.parse(valueJson).equals(Json.parseObject(response.body()).get("instance").get(field));
    }

    /**
     * Whether the processor answers that it has no live instance of {@code model} whose {@code field}
     * equals {@code valueJson} (404; not a 503 while it is not ready).
     */
    public boolean lacksInstance(String model, String field, String valueJson) {
        return get("/internal/lookup?model=" + encode(model) + "&field=" + encode(field) + "&value="
                + encode(valueJson)).statusCode() == 404;
    }

    /** The status of a lookup of pk {@code 1} of {@code model}, e.g. 401 without the right secret. */
    public int lookupStatus(String model) {
        return get("/internal/lookup?model=" + encode(model) + "&field=pk&value=1").statusCode();
    }

    /** The HTTP status of a GET of {@code path}, e.g. a probe. */
    public int status(String path) {
        return get(path).statusCode();
    }

    /** The text of {@code /actuator/prometheus}. */
    public String prometheus() {
        HttpResponse<String> response = get("/actuator/prometheus");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/actuator/prometheus: HTTP " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<String> get(String pathAndQuery) {
        HttpRequest request = InternalApiAuth.authorize(HttpRequest.newBuilder(processorUrl.resolve(pathAndQuery)),
                internalSecret).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot GET " + pathAndQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
