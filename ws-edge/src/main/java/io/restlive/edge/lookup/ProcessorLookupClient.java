package io.restlive.edge.lookup;

import io.restlive.core.json.Json;
import io.restlive.core.views.EntityState;
import io.restlive.edge.protocol.InstanceLookup;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks the processor's {@code /internal/lookup} for the instance a retrieve subscription names.
 * A processor that is rebalancing answers 503; the client retries a few times with a short backoff.
 */
public final class ProcessorLookupClient implements InstanceLookup {

    private static final int ATTEMPTS = 5;

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    public ProcessorLookupClient(URI base, Duration timeout) {
        // Plain HTTP/1.1: the processor speaks nothing else, and an h2c upgrade attempt is one more round trip.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.base = base;
        this.timeout = timeout;
    }

    @Override
    public Optional<Found> find(String model, String field, JsonNode value) throws LookupUnavailableException {
        URI uri = base.resolve("/internal/lookup?model=" + encode(model) + "&field=" + encode(field)
                + "&value=" + encode(Json.write(value)));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        Exception last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                switch (response.statusCode()) {
                    case 200 -> {
                        ObjectNode body = Json.parseObject(response.body());
                        JsonNode digest = body.get("digest");
                        return Optional.of(new Found(new EntityState(body.get("pk"), (ObjectNode) body.get("instance")),
                                digest != null && digest.isString() ? digest.asString() : null));
                    }
                    case 404 -> {
                        return Optional.empty();
                    }
                    default -> last = new IOException("HTTP " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LookupUnavailableException("interrupted", e);
            }
            backoff(attempt);
        }
        throw new LookupUnavailableException("processor at " + base + " did not answer: " + last, last);
    }

    private static void backoff(int attempt) throws LookupUnavailableException {
        try {
            // A short bounded backoff (at most about 1.5 s in all) while the processor rebalances.
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupUnavailableException("interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
