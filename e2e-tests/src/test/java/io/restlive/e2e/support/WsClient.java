package io.restlive.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * A WebSocket test client on the JDK's {@link WebSocket}: it keeps every text frame it receives, parsed, so
 * that tests wait for the frame they expect and assert that nothing else arrives.
 */
public final class WsClient implements AutoCloseable {

    /** How long a test waits for an expected frame; generous, because the machine may be busy. */
    public static final Duration FRAME_TIMEOUT = Duration.ofSeconds(60);

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    /** When each frame of {@link #frames} arrived (System.nanoTime), in the same order. */
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private final URI uri;
    private WebSocket socket;
    /** False while the client plays a slow reader: it takes no frame, and the network backs up. */
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final AtomicBoolean demandOwed = new AtomicBoolean();

    /**
     * The close code and reason the server sent, or code -1 if the connection failed without a close frame.
     *
     * @param code the WebSocket close code
     * @param reason the reason text
     */
    public record CloseStatus(int code, String reason) {
    }

    private WsClient(URI uri) {
        this.uri = uri;
    }

    /** Connects to {@code uri} without extra headers. */
    public static WsClient connect(URI uri) {
        return connect(uri, Map.of());
    }

    /** Connects to {@code uri} with the given handshake headers (e.g. {@code Authorization}). */
    public static WsClient connect(URI uri, Map<String, String> headers) {
        return connect(uri, headers, List.of());
    }

    /** Connects asking for protocol v2 (the subprotocol {@code rest-live.v2}). */
    public static WsClient connectV2(URI uri, Map<String, String> headers) {
        return connect(uri, headers, List.of("rest-live.v2"));
    }

    private static WsClient connect(URI uri, Map<String, String> headers, List<String> subprotocols) {
        WsClient client = new WsClient(uri);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        try {
            client.socket = builder.buildAsync(uri, client.new Listener()).orTimeout(30, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            StringBuilder reasons = new StringBuilder();
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                reasons.append(reasons.isEmpty() ? "" : " <- ").append(cause);
            }
            throw new AssertionError("could not open a WebSocket to " + uri + ": " + reasons, e.getCause());
        }
        return client;
    }

    /**
     * The HTTP status an edge answers a handshake with: 101 if it upgrades (the connection is then closed
     * again), else the refusal's status (401, 403, 429, 503).
     */
    public static int handshakeStatus(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            builder.buildAsync(uri, new WebSocket.Listener() { }).orTimeout(30, TimeUnit.SECONDS).join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("could not open a WebSocket to " + uri + ": " + e.getCause(), e.getCause());
        }
    }

    /** Sends one text frame and waits until it is handed to the network. */
    /** The subprotocol the edge chose: {@code rest-live.v2}, or empty for v1. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public WsClient send(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** Every frame received so far, in order. */
    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** When each frame of {@link #frames()} arrived, as {@link System#nanoTime()}, in the same order. */
    public List<Long> arrivals() {
        return List.copyOf(arrivals.subList(0, Math.min(arrivals.size(), frames.size())));
    }

    /** Forgets the frames received so far. */
    public void clear() {
        frames.clear();
        arrivals.clear();
    }

    /** Waits (up to {@link #FRAME_TIMEOUT}) for a frame that matches and returns the first one. */
    public JsonNode awaitFrame(Predicate<JsonNode> matching) {
        try {
            return await("a matching frame from " + uri).atMost(FRAME_TIMEOUT)
                    .until(() -> firstMatching(matching), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no matching frame from " + uri + " within " + FRAME_TIMEOUT.toSeconds()
                    + " s; frames received: " + frames + (closed.isDone() ? "; closed: " + closed.join() : ""), e);
        }
    }

    /** Waits for a frame equal, as parsed JSON, to {@code expectedJson}. */
    public JsonNode awaitFrame(String expectedJson) {
        JsonNode expected = Json.parse(expectedJson);
        return awaitFrame(expected::equals);
    }

    /**
     * Subscribes and waits until the subscription receives a broadcast, publishing {@code matchingChange}
     * on every poll: the protocol acknowledges no subscribe, so a broadcast is the only sign it is live.
     * The frames the warm-up produced stay in {@link #frames()}; callers usually {@link #clear()} them.
     */
    public WsClient subscribeUntilLive(String subscribe, Runnable matchingChange) {
        send(subscribe);
        await("the subscription to go live on " + uri).atMost(FRAME_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    matchingChange.run();
                    assertThat(frames).anySatisfy(f -> assertThat(f.get("type").asString()).isEqualTo("broadcast"));
                });
        return this;
    }

    /**
     * Stops taking frames from the network, like a client on a stalled phone: frames back up into the
     * socket buffers and then into the edge's queue for this connection.
     */
    public void stopReading() {
        reading.set(false);
    }

    /** Takes frames again, including any close frame the edge sent meanwhile. */
    public void resumeReading() {
        reading.set(true);
        if (demandOwed.getAndSet(false)) {
            socket.request(1);
        }
    }

    /** Whether a frame equal, as parsed JSON, to {@code expectedJson} has arrived. */
    public boolean hasReceived(String expectedJson) {
        return frames.contains(Json.parse(expectedJson));
    }

    /**
     * Asserts that no frame arrives during {@code quietPeriod}: the one justified fixed wait, because the
     * protocol acknowledges neither subscribe nor unsubscribe, so "nothing happens" has no event to wait for.
     */
    public void assertNoFrameWithin(Duration quietPeriod) {
        int before = frames.size();
        await("no frame from " + uri).during(quietPeriod).atMost(quietPeriod.plusSeconds(5))
                .untilAsserted(() -> assertThat(frames.subList(before, frames.size())).as("frames received").isEmpty());
    }

    /** Waits for the server to close the connection and returns its close code and reason. */
    public CloseStatus awaitClose() {
        return closed.orTimeout(FRAME_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private Optional<JsonNode> firstMatching(Predicate<JsonNode> matching) {
        return frames.stream().filter(matching).findFirst();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            // The server may close at the same moment (e.g. a 4003 close): then there is nothing left to close.
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").exceptionally(closedMeanwhile -> null)
                    .completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                // Both lists grow on this one listener thread; the arrival is recorded first so that a reader
                // that sees a frame also sees its arrival.
                arrivals.add(System.nanoTime());
                frames.add(Json.parse(partial.toString()));
                partial.setLength(0);
            }
            if (reading.get()) {
                webSocket.request(1);
            } else {
                demandOwed.set(true);
                if (reading.get() && demandOwed.getAndSet(false)) {
                    webSocket.request(1);
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new CloseStatus(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new CloseStatus(-1, error.toString()));
        }
    }
}
