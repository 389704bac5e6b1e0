package io.restlive.edge.web;

import io.restlive.edge.protocol.Outbound;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The frames waiting for one client, in order. Whoever produces a frame (the broadcast consumer, the thread
 * answering a subscribe) only queues it and returns: the socket write happens on the connection's Netty
 * event loop, so one slow client never holds up the others.
 *
 * <p>A client that lets more than {@code byteLimit} bytes wait, or accepts nothing for {@code timeLimit}
 * while frames wait, is too slow: {@link #offer} says so and the caller closes the connection.
 */
final class SendQueue {

    /** What {@link #offer} did with a frame. */
    enum Offer { QUEUED, TOO_SLOW, CLOSED }

    private final Sinks.Many<Outbound> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<Outbound>unboundedMultiproducer().get());
    private final long byteLimit;
    private final long timeLimitNanos;
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile long lastProgressNanos = System.nanoTime();

    SendQueue(long byteLimit, Duration timeLimit) {
        this.byteLimit = byteLimit;
        this.timeLimitNanos = timeLimit.toNanos();
    }

    /** Queues a frame unless the client is too slow or the connection is gone. */
    synchronized Offer offer(Outbound frame) {
        long pending = pendingBytes.get();
        if (pending > 0 && (pending + frame.length() > byteLimit || System.nanoTime() - lastProgressNanos >= timeLimitNanos)) {
            return Offer.TOO_SLOW;
        }
        if (pending == 0) {
            lastProgressNanos = System.nanoTime();
        }
        pendingBytes.addAndGet(frame.length());
        // Serialized by this method's lock: a unicast sink takes one producer at a time.
        return sink.tryEmitNext(frame).isSuccess() ? Offer.QUEUED : Offer.CLOSED;
    }

    /** The frames, each counted as delivered when the connection takes it to write. */
    Flux<Outbound> frames() {
        return sink.asFlux().doOnNext(frame -> {
            pendingBytes.addAndGet(-frame.length());
            lastProgressNanos = System.nanoTime();
        });
    }

    /** No more frames: the connection is closing. */
    synchronized void complete() {
        sink.tryEmitComplete();
    }
}
