package io.restlive.processor.snapshot;

import io.restlive.core.internalapi.InternalApiAuth;
import io.restlive.core.internalapi.SnapshotMembers;
import io.restlive.core.internalapi.SnapshotRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/** Forwards a snapshot query to another instance's {@code /internal/snapshot} with {@code scope=local}. */
public final class HttpRemoteSnapshot implements RemoteSnapshot {

    /** Longer than the other instance's hold, so that its "not ready" comes back as an answer. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String internalSecret;

    /** @param internalSecret sent as {@code Authorization: Bearer <secret>}; null sends none */
    public HttpRemoteSnapshot(String internalSecret) {
        this.internalSecret = internalSecret;
    }

    @Override
    public SnapshotResult ask(HostInfo host, SnapshotRequest query) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + SnapshotController.PATH + "?scope="
                + SnapshotController.LOCAL_SCOPE);
        HttpRequest request = InternalApiAuth.authorize(HttpRequest.newBuilder(uri), internalSecret).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query.toJson())).build();
        String where = "instance " + host.host() + ":" + host.port();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> new SnapshotResult.Members(SnapshotMembers.parse(response.body()));
                case 400 -> new SnapshotResult.Unusable(where + ": " + response.body());
                default -> new SnapshotResult.NotReady(where + " answered HTTP " + response.statusCode());
            };
        } catch (IOException | RuntimeException e) {
            return new SnapshotResult.NotReady(where + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SnapshotResult.NotReady("interrupted");
        }
    }
}
