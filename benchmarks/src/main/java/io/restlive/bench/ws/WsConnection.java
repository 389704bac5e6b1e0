package io.restlive.bench.ws;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One open WebSocket connection of the load generator: send text frames to it, count what it received,
 * close it with a normal close frame.
 */
public final class WsConnection {

    private static final Duration EMIT_RETRY = Duration.ofSeconds(5);

    private final int index;
    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicLong frames = new AtomicLong();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    WsConnection(int index) {
        this.index = index;
    }

    /** A connection that was never opened (what is sent to it goes nowhere): for tests of frame handlers. */
    public static WsConnection unopened(int index) {
        return new WsConnection(index);
    }

    /** Its position among the connections opened together, from 0. */
    public int index() {
        return index;
    }

    /** Queues a text frame; it is written on the connection's event loop. */
    public void send(String text) {
        outgoing.emitNext(text, Sinks.EmitFailureHandler.busyLooping(EMIT_RETRY));
    }

    /** Sends the {@code subscribe} message of the rest-live protocol for a list with these kwargs. */
    public void subscribeList(long id, String model, String kwargsJson) {
        send("{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"" + model
                + "\",\"action\":\"list\",\"view_kwargs\":" + kwargsJson + "}");
    }

    /** Text frames received so far. */
    public long frames() {
        return frames.get();
    }

    /** Ends the outgoing stream; the connection then sends a close frame (1000) and closes. */
    public void close() {
        outgoing.tryEmitComplete();
    }

    /** Completes when the connection is closed, by either side. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    Flux<String> outgoing() {
        return outgoing.asFlux();
    }

    void received() {
        frames.incrementAndGet();
    }
}
