package io.restlive.edge.lookup;

import io.restlive.core.internalapi.InternalApiAuth;
import io.restlive.core.internalapi.SnapshotMembers;
import io.restlive.core.internalapi.SnapshotRequest;
import io.restlive.core.json.Json;
import io.restlive.core.views.EntityState;
import io.restlive.edge.protocol.InstanceLookup;
import io.restlive.edge.protocol.InstanceSnapshots;
import io.restlive.schemas.GroupSpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks a processor's {@code /internal/lookup} for the instance a retrieve subscription names, and its
 * {@code /internal/snapshot} for the members of a list view (protocol v2). Any processor answers (it forwards to
 * the ones that run the tasks concerned). One that cannot answer yet (rebalancing, restarting, catching up
 * beyond its hold) says 503 or does not answer: the client tries again, on the next processor URL if it has
 * several, with a short backoff, until the lookup timeout has passed. A subscribe made while the processor
 * restarts is therefore answered once it is back, rather than refused. A 401 is final.
 */
public final class ProcessorLookupClient implements InstanceLookup, InstanceSnapshots {

    /** The longest one attempt may take: a processor holds a lookup for at most its hold, 2.5 s by default. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final List<URI> bases;
    private final Duration timeout;
    private final AtomicInteger next = new AtomicInteger();
    private final String internalSecret;

    /**
     * @param bases the processors' base URLs (a Service, or each instance)
     * @param timeout how long a lookup may take in all, retries included
     * @param internalSecret sent as {@code Authorization: Bearer <secret>} (rest-live.internal-secret); null sends none
     */
    public ProcessorLookupClient(List<URI> bases, Duration timeout, String internalSecret) {
        // Plain HTTP/1.1: the processor speaks nothing else, and an h2c upgrade attempt is one more round trip.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(min(timeout, ATTEMPT_TIMEOUT)).build();
        this.bases = List.copyOf(bases);
        this.timeout = timeout;
        this.internalSecret = internalSecret;
    }

    @Override
    public Optional<Found> find(String model, String field, JsonNode value) throws LookupUnavailableException {
        String query = "/internal/lookup?model=" + encode(model) + "&field=" + encode(field) + "&value="
                + encode(Json.write(value));
        String body = call(base -> HttpRequest.newBuilder(base.resolve(query)).GET());
        if (body == null) {
            return Optional.empty();
        }
        ObjectNode answer = Json.parseObject(body);
        JsonNode version = answer.get("version");
        JsonNode key = answer.get("key");
        return Optional.of(new Found(new EntityState(answer.get("pk"), (ObjectNode) answer.get("instance")),
                version == null ? 0 : version.asLong(), key == null ? null : key.asString()));
    }

    @Override
    public SnapshotMembers members(GroupSpec spec, int limit) throws LookupUnavailableException {
        String request = new SnapshotRequest(spec, limit).toJson();
        String body = call(base -> HttpRequest.newBuilder(base.resolve("/internal/snapshot"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)));
        if (body == null) {
            throw new LookupUnavailableException("the processor answered 404 to a snapshot", null);
        }
        try {
            return SnapshotMembers.parse(body);
        } catch (IllegalArgumentException e) {
            throw new LookupUnavailableException(e.getMessage(), e);
        }
    }

    /** The body of the first 200 answer, null for a 404; retries anything else until the timeout. */
    private String call(Function<URI, HttpRequest.Builder> request) throws LookupUnavailableException {
        int first = Math.floorMod(next.getAndIncrement(), bases.size());
        Exception last = null;
        URI base = bases.get(first);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            base = bases.get((first + attempt - 1) % bases.size());
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                break;
            }
            HttpRequest sent = InternalApiAuth.authorize(request.apply(base), internalSecret)
                    .timeout(min(left, ATTEMPT_TIMEOUT)).build();
            try {
                HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
                switch (response.statusCode()) {
                    case 200 -> {
                        return response.body();
                    }
                    case 401 -> throw new LookupUnavailableException("the processor at " + base + " refused this edge's "
                            + "internal secret (rest-live.internal-secret must be the same on processors and edges)", null);
                    case 404 -> {
                        return null;
                    }
                    default -> last = new IOException("HTTP " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LookupUnavailableException("interrupted", e);
            }
            backoff(attempt, deadline);
        }
        throw new LookupUnavailableException("no processor of " + bases + " answered (last " + base + "): " + last, last);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void backoff(int attempt, long deadline) throws LookupUnavailableException {
        try {
            // A short backoff, growing to half a second, never past the deadline.
            long pause = Math.min(100L * attempt, 500L);
            Thread.sleep(Math.max(0, Math.min(pause, (deadline - System.nanoTime()) / 1_000_000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupUnavailableException("interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
