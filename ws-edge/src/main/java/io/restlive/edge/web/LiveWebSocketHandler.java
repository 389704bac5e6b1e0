package io.restlive.edge.web;

import io.restlive.core.views.Endpoint;
import io.restlive.core.views.LiveUser;
import io.restlive.edge.auth.AuthenticatedHandler;
import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.SubscriptionProtocol;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The WebSocket side of one endpoint, on Reactor Netty: frames from the client go to the protocol, in
 * order, off the event loop (a subscribe may wait for the processor's lookup); frames to the client go
 * through the connection's {@link Outbox} and are written by its event loop.
 */
public final class LiveWebSocketHandler implements AuthenticatedHandler {

    private static final Logger log = LoggerFactory.getLogger(LiveWebSocketHandler.class);
    /** django-rest-live's close code for an unauthenticated connection to a private router. */
    static final CloseStatus UNAUTHENTICATED = new CloseStatus(4003);
    /** A client that does not read its frames: RFC 6455's policy violation, with the reason. */
    static final CloseStatus TOO_SLOW = CloseStatus.POLICY_VIOLATION.withReason("client too slow to read its frames");

    private final Endpoint endpoint;
    private final SubscriptionProtocol protocol;
    private final Scheduler protocolThreads;
    private final Duration sendTimeLimit;
    private final int sendBufferLimit;

    /**
     * @param protocolThreads where client frames are handled (they may block on a lookup)
     * @param sendTimeLimit a client that accepts no frame for this long while frames wait is disconnected
     * @param sendBufferLimit a client with more than this many bytes waiting is disconnected
     */
    public LiveWebSocketHandler(Endpoint endpoint, SubscriptionProtocol protocol, Scheduler protocolThreads,
                                Duration sendTimeLimit, int sendBufferLimit) {
        this.endpoint = endpoint;
        this.protocol = protocol;
        this.protocolThreads = protocolThreads;
        this.sendTimeLimit = sendTimeLimit;
        this.sendBufferLimit = sendBufferLimit;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session, LiveUser user) {
        if (!endpoint.isPublic() && !user.authenticated()) {
            // Accept, then close with 4003: a close after accept lets browsers see the code.
            return session.close(UNAUTHENTICATED);
        }
        Outbox outbox = new Outbox(sendBufferLimit, sendTimeLimit);
        Connection connection = new Connection(session.getId(), user, endpoint, frame -> {
            Outbox.Offer offer = outbox.offer(frame);
            if (offer == Outbox.Offer.TOO_SLOW) {
                log.info("Closing slow client {}: frames waited beyond {} bytes or {}", session.getId(),
                        sendBufferLimit, sendTimeLimit);
                outbox.complete();
                session.close(TOO_SLOW).subscribe();
            }
        });
        Mono<Void> input = session.receive()
                .filter(Inbound::forTheProtocol)
                .map(Inbound::of)
                .concatMap(message -> Mono.fromRunnable(() -> handle(connection, message)).subscribeOn(protocolThreads))
                .doFinally(signal -> outbox.complete())
                .then();
        Mono<Void> output = session.send(outbox.frames().map(session::textMessage));
        return Mono.when(input, output)
                .doFinally(signal -> protocol.onClose(connection));
    }

    private void handle(Connection connection, Inbound message) {
        try {
            if (message.text() != null) {
                protocol.onText(connection, message.text());
            } else {
                protocol.onBinary(connection);
            }
        } catch (RuntimeException e) {
            // The protocol answers bad input itself; anything else must not end the connection's reading.
            log.warn("Handling a frame of {} failed", connection, e);
        }
    }

    /** A client frame, read before it leaves the event loop (Netty releases its buffer after this stage). */
    private record Inbound(String text) {
        /** Text and binary frames; pings and pongs are the transport's business. */
        static boolean forTheProtocol(WebSocketMessage message) {
            return message.getType() == WebSocketMessage.Type.TEXT || message.getType() == WebSocketMessage.Type.BINARY;
        }

        static Inbound of(WebSocketMessage message) {
            return new Inbound(message.getType() == WebSocketMessage.Type.TEXT ? message.getPayloadAsText() : null);
        }
    }
}
