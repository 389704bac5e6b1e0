package io.restlive.processor.lookup;

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
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Forwards a lookup to another instance's {@code /internal/lookup} with {@code scope=local}. */
public final class HttpRemoteLookup implements RemoteLookup {

    /** Longer than the owner's hold, so that its "not ready yet" comes back as an answer, not a timeout. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String internalSecret;

    /** @param internalSecret sent as {@code Authorization: Bearer <secret>}; null sends none */
    public HttpRemoteLookup(String internalSecret) {
        this.internalSecret = internalSecret;
    }

    @Override
    public LookupResult ask(HostInfo host, LookupQuery query) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + LookupController.PATH
                + "?model=" + encode(query.model()) + "&field=" + encode(query.field())
                + "&value=" + encode(query.valueJson()) + "&scope=" + LookupController.LOCAL_SCOPE);
        HttpRequest request = InternalApiAuth.authorize(HttpRequest.newBuilder(uri), internalSecret).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> found(response.body());
                case 404 -> new LookupResult.NotFound();
                case 503 -> new LookupResult.NotReady("instance " + host.host() + ":" + host.port() + " is not ready");
                default -> new LookupResult.Unavailable("HTTP " + response.statusCode());
            };
        } catch (IOException | IllegalArgumentException e) {
            return new LookupResult.Unavailable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LookupResult.Unavailable("interrupted");
        }
    }

    private static LookupResult found(String body) {
        ObjectNode answer = Json.parseObject(body);
        JsonNode instance = answer.get("instance");
        if (!(instance instanceof ObjectNode object) || answer.get("pk") == null) {
            return new LookupResult.Unavailable("malformed answer " + body);
        }
        JsonNode version = answer.get("version");
        return new LookupResult.Found(answer.get("pk"), object, version == null ? 0 : version.asLong());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
