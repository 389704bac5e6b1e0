package io.restlive.bench.ws;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.LoopResources;

/**
 * The load generator's WebSocket client: many connections from one JVM on a few event-loop threads.
 *
 * <p>Reactor Netty rather than the JDK's {@code java.net.http.WebSocket}: both are non-blocking, but only
 * Netty can bind a connection to a chosen local address, and one source address gives at most about 28,000
 * connections to one server port; Netty's per-connection footprint is also small enough for 50,000
 * connections in one JVM. It comes with the Spring Boot BOM and uses epoll when available.
 */
public final class WsLoadClient implements AutoCloseable {

    /** Handshakes in flight at once: more only overflows the server's accept queue. */
    private static final int MAX_HANDSHAKES = 256;
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private final LoopResources loops;
    private final HttpClient http;
    private final SourceAddresses sources;

    /**
     * @param sourceAddresses how many 127.0.0.x addresses connections come from
     * @param threads event-loop threads
     */
    public WsLoadClient(int sourceAddresses, int threads) {
        this.loops = LoopResources.create("bench-ws", threads, true);
        this.sources = new SourceAddresses(sourceAddresses);
        this.http = HttpClient.newConnection().runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    /**
     * Opens {@code count} connections to {@code uri}, at most {@value #MAX_HANDSHAKES} handshakes at a time.
     *
     * @param firstIndex the index of the first connection (indexes go on from there)
     * @return the connections, in index order
     * @throws ConnectionsFailedException if some could not open within {@code timeout}; those that did are closed
     */
    public List<WsConnection> open(URI uri, int count, int firstIndex, FrameHandler handler, Duration timeout) {
        return open(uri, count, firstIndex, handler, timeout, null);
    }

    /**
     * As {@link #open(URI, int, int, FrameHandler, Duration)}, asking for a WebSocket subprotocol at the handshake
     * ({@code rest-live.v2}), or none when {@code subprotocol} is null.
     */
    public List<WsConnection> open(URI uri, int count, int firstIndex, FrameHandler handler, Duration timeout,
                                   String subprotocol) {
        Semaphore handshakes = new Semaphore(MAX_HANDSHAKES);
        List<CompletableFuture<WsConnection>> pending = new ArrayList<>(count);
        Instant deadline = Instant.now().plus(timeout);
        try {
            for (int i = 0; i < count; i++) {
                if (!handshakes.tryAcquire(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
                    break;
                }
                CompletableFuture<WsConnection> opened = connect(uri, firstIndex + i, handler, sources.next(),
                        subprotocol);
                opened.whenComplete((c, e) -> handshakes.release());
                pending.add(opened);
            }
            return collect(pending, count, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(pending);
            throw new ConnectionsFailedException("interrupted while opening connections", e);
        }
    }

    /**
     * Tries to open one connection from {@code source} (port 0: any): unlike {@link #open}, a refusal is an
     * outcome, not a failure of the run. {@link HandshakeRefusal#statusOf} reads the HTTP status of a refused one.
     *
     * @return completes with the connection, or exceptionally with why it did not open
     */
    public CompletableFuture<WsConnection> attempt(URI uri, InetSocketAddress source, int index, FrameHandler handler) {
        return connect(uri, index, handler, source, null);
    }

    private CompletableFuture<WsConnection> connect(URI uri, int index, FrameHandler handler, InetSocketAddress source,
                                                    String subprotocol) {
        WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME_BYTES);
        if (subprotocol != null) {
            spec.protocols(subprotocol);
        }
        WsConnection connection = new WsConnection(index);
        CompletableFuture<WsConnection> opened = new CompletableFuture<>();
        Disposable lifecycle = http.bindAddress(() -> source)
                .websocket(spec.build())
                .uri(uri)
                .handle((in, out) -> {
                    opened.complete(connection);
                    Mono<Void> inbound = in.aggregateFrames(MAX_FRAME_BYTES).receiveFrames()
                            .doOnNext(frame -> {
                                if (frame instanceof TextWebSocketFrame text) {
                                    long arrival = System.nanoTime();
                                    connection.received();
                                    handler.onText(connection, text.text(), arrival);
                                }
                            })
                            .then();
                    Mono<Void> outbound = out.sendString(connection.outgoing()).then()
                            .then(Mono.defer(() -> out.sendClose(1000, "benchmark done")));
                    // The server may close first: then nothing more is sent either.
                    return Mono.when(inbound.doFinally(s -> connection.close()), outbound);
                })
                .doFinally(signal -> connection.closed().complete(null))
                // A connection can also end before its handshake without an error: fail it then too.
                .subscribe(ignored -> { }, opened::completeExceptionally, () -> opened.completeExceptionally(
                        new IllegalStateException("closed before the WebSocket handshake completed")));
        // A handshake lost in an overflowing accept queue would otherwise hang until TCP gives up (minutes).
        return opened.orTimeout(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((c, error) -> {
                    if (error != null) {
                        lifecycle.dispose();
                    }
                });
    }

    private static List<WsConnection> collect(List<CompletableFuture<WsConnection>> pending, int count,
                                              Instant deadline) throws InterruptedException {
        List<WsConnection> open = new ArrayList<>(count);
        Throwable firstFailure = null;
        int failed = count - pending.size();
        for (CompletableFuture<WsConnection> future : pending) {
            try {
                open.add(future.get(remainingMillis(deadline), TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                failed++;
                firstFailure = firstFailure == null ? (e instanceof ExecutionException ? e.getCause() : e) : firstFailure;
            }
        }
        if (failed > 0) {
            closeAll(pending);
            throw new ConnectionsFailedException(failed + " of " + count + " connections did not open"
                    + (firstFailure == null ? " in time" : ": " + firstFailure), firstFailure);
        }
        return open;
    }

    /**
     * Closes the connections and waits, at most {@code timeout}, until they are closed.
     *
     * @return how many were still open when the wait ended
     */
    public static int close(List<WsConnection> connections, Duration timeout) {
        connections.forEach(WsConnection::close);
        CompletableFuture<Void> all = CompletableFuture.allOf(
                connections.stream().map(WsConnection::closed).toArray(CompletableFuture[]::new));
        try {
            all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Counted below: the caller reports the connections that did not close.
        }
        return (int) connections.stream().filter(c -> !c.closed().isDone()).count();
    }

    private static void closeAll(List<CompletableFuture<WsConnection>> pending) {
        pending.forEach(f -> f.thenAccept(WsConnection::close));
    }

    private static long remainingMillis(Instant deadline) {
        return Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }

    @Override
    public void close() {
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
    }
}
