package io.restlive.edge.web;

import io.netty.buffer.Unpooled;
import io.restlive.core.views.Endpoint;
import io.restlive.edge.auth.AuthenticatedHandler;
import io.restlive.edge.auth.AuthenticatedUser;
import io.restlive.edge.auth.TokenAuthenticator;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.metrics.EdgeMetrics.CloseReason;
import io.restlive.edge.protocol.ClientBudget;
import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.Frames;
import io.restlive.edge.protocol.Outbound;
import io.restlive.edge.protocol.SubscriptionProtocol;
import io.restlive.edge.protocol.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WebSocket side of one endpoint, on Reactor Netty: frames from the client go to the protocol, in
 * order, off the event loop (a subscribe may wait for the processor's lookup); frames to the client go
 * through the connection's {@link SendQueue} and are written by its event loop. A connection whose token
 * expires is closed with 4003, "token expired" ({@link ConnectionExpiry}).
 */
public final class LiveWebSocketHandler implements AuthenticatedHandler {

    private static final Logger log = LoggerFactory.getLogger(LiveWebSocketHandler.class);
    /** django-rest-live's close code for an unauthenticated connection to a private router. */
    static final CloseStatus UNAUTHENTICATED = new CloseStatus(4003);
    /** A client that does not read its frames: RFC 6455's policy violation, with the reason. */
    static final CloseStatus TOO_SLOW = CloseStatus.POLICY_VIOLATION.withReason("client too slow to read its frames");
    /** A client that keeps sending what is refused (limits, bad frames): its refusals cost the others. */
    static final CloseStatus TOO_MANY_ERRORS = CloseStatus.POLICY_VIOLATION.withReason("too many refused requests");
    /** A connection whose token expired; django-rest-live's refusal code, with a reason. */
    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4003, "token expired");

    /** The WebSocket subprotocol that selects protocol v2; without it a connection speaks v1. */
    public static final String V2 = "rest-live.v2";

    private final Endpoint endpoint;
    private final SubscriptionProtocol protocol;
    private final Scheduler protocolThreads;
    private final Duration sendTimeLimit;
    private final int sendBufferLimit;
    private final EdgeMetrics metrics;
    private final Scheduler timer;
    private final Clock clock;
    private final Duration tokenExpiryWarning;
    private final ErrorLimit errorLimit;
    private final TokenRefresh tokenRefresh;

    /**
     * How many error answers one connection may cause: {@code burst} at once, {@code perSecond} sustained. A
     * client beyond it is closed with 1008: a limit caps what an abusive client gets, this caps what refusing
     * it costs everyone else (each refusal is a frame parsed, checked and answered).
     */
    public record ErrorLimit(double perSecond, int burst) {
        /** No limit, for tests of other things. */
        public static final ErrorLimit NONE = new ErrorLimit(1e9, Integer.MAX_VALUE);
    }

    /**
     * @param protocolThreads where client frames are handled (they may block on a lookup)
     * @param sendTimeLimit a client that accepts no frame for this long while frames wait is disconnected
     * @param sendBufferLimit a client with more than this many bytes waiting is disconnected
     */
    public LiveWebSocketHandler(Endpoint endpoint, SubscriptionProtocol protocol, Scheduler protocolThreads,
                                Duration sendTimeLimit, int sendBufferLimit) {
        this(endpoint, protocol, protocolThreads, sendTimeLimit, sendBufferLimit, EdgeMetrics.inMemory(),
                Schedulers.parallel(), Clock.systemUTC());
    }

    /**
     * @param metrics counts frames, bytes and closes
     * @param timer closes connections whose token expired
     */
    public LiveWebSocketHandler(Endpoint endpoint, SubscriptionProtocol protocol, Scheduler protocolThreads,
                                Duration sendTimeLimit, int sendBufferLimit, EdgeMetrics metrics, Scheduler timer,
                                Clock clock) {
        this(endpoint, protocol, protocolThreads, sendTimeLimit, sendBufferLimit, metrics, timer, clock, null,
                Duration.ofSeconds(60), ErrorLimit.NONE);
    }

    /**
     * @param authenticator checks the tokens v2 clients refresh in-band; null refuses refreshes
     * @param tokenExpiryWarning how long before its token expires a v2 client is told ({@code token_expiring})
     * @param errorLimit how many error answers a connection may cause before it is closed
     */
    public LiveWebSocketHandler(Endpoint endpoint, SubscriptionProtocol protocol, Scheduler protocolThreads,
                                Duration sendTimeLimit, int sendBufferLimit, EdgeMetrics metrics, Scheduler timer,
                                Clock clock, TokenAuthenticator authenticator, Duration tokenExpiryWarning,
                                ErrorLimit errorLimit) {
        this.errorLimit = errorLimit;
        this.tokenRefresh = new TokenRefresh(authenticator, protocol, metrics);
        this.tokenExpiryWarning = tokenExpiryWarning;
        this.endpoint = endpoint;
        this.protocol = protocol;
        this.protocolThreads = protocolThreads;
        this.sendTimeLimit = sendTimeLimit;
        this.sendBufferLimit = sendBufferLimit;
        this.metrics = metrics;
        this.timer = timer;
        this.clock = clock;
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(V2);
    }

    @Override
    public Mono<Void> handle(WebSocketSession session, AuthenticatedUser user, ClientBudget budget) {
        if (!endpoint.isPublic() && !user.user().authenticated()) {
            // Accept, then close with 4003: a close after accept lets browsers see the code.
            metrics.closed(CloseReason.UNAUTHENTICATED);
            return session.close(UNAUTHENTICATED);
        }
        AtomicReference<CloseReason> closedBy = new AtomicReference<>();
        AtomicReference<CloseStatus> clientClose = new AtomicReference<>();
        session.closeStatus().subscribe(clientClose::set, error -> { });
        SendQueue sendQueue = new SendQueue(sendBufferLimit, sendTimeLimit);
        boolean v2 = V2.equals(session.getHandshakeInfo().getSubProtocol());
        TokenBucket errors = new TokenBucket(errorLimit.perSecond(), errorLimit.burst(), System::nanoTime);
        Connection connection = new Connection(session.getId(), user.user(), endpoint, v2, frame -> {
            // The connection's budget, then its client's over all its connections (a client that reconnects
            // each time it is closed would otherwise start every connection with a full one).
            if (Frames.isError(frame) && (!errors.tryTake() || !budget.tryError())) {
                log.info("Closing {}: it, or its client's connections together, caused more error answers than"
                        + " allowed ({} at once, {} a second sustained, per connection)", session.getId(),
                        errorLimit.burst(), errorLimit.perSecond());
                close(session, sendQueue, closedBy, CloseReason.TOO_MANY_ERRORS, TOO_MANY_ERRORS);
                return;
            }
            SendQueue.Offer offer = sendQueue.offer(frame);
            if (offer == SendQueue.Offer.TOO_SLOW) {
                log.info("Closing slow client {}: frames waited beyond {} bytes or {}", session.getId(),
                        sendBufferLimit, sendTimeLimit);
                close(session, sendQueue, closedBy, CloseReason.TOO_SLOW, TOO_SLOW);
            }
        }, budget);
        ConnectionExpiry expiry = new ConnectionExpiry(ConnectionExpiry.Timer.on(timer), clock, () -> {
            log.debug("Closing {}: its token expired", session.getId());
            if (v2) {
                connection.send(Frames.expired());
            }
            close(session, sendQueue, closedBy, CloseReason.TOKEN_EXPIRED, TOKEN_EXPIRED);
        }, at -> connection.send(Frames.tokenExpiring(at.getEpochSecond())), v2 ? tokenExpiryWarning : Duration.ZERO);
        user.expiry().ifPresent(expiry::expireAt);
        Mono<Void> input = session.receive()
                .filter(Inbound::forTheProtocol)
                .map(Inbound::of)
                .concatMap(message -> Mono.fromRunnable(() -> handle(connection, expiry, message))
                        .subscribeOn(protocolThreads))
                .doFinally(signal -> sendQueue.complete())
                .then();
        Mono<Void> output = session.send(sendQueue.frames().doOnNext(frame -> metrics.frameSent(frame.length()))
                .map(frame -> message(session, frame)));
        return Mono.when(input, output)
                .doFinally(signal -> {
                    expiry.cancel();
                    protocol.onClose(connection);
                    metrics.closed(closedBy.get() != null ? closedBy.get() : byClient(clientClose.get()));
                });
    }

    /**
     * A frame as a WebSocket text message. A shared frame's bytes are wrapped behind the subscriber's prefix in
     * a composite buffer: the group's frame is encoded once per change however many subscribers get it.
     */
    static WebSocketMessage message(WebSocketSession session, Outbound frame) {
        if (!frame.isShared()) {
            return session.textMessage(frame.text());
        }
        DataBufferFactory buffers = session.bufferFactory();
        if (buffers instanceof NettyDataBufferFactory netty) {
            return new WebSocketMessage(WebSocketMessage.Type.TEXT,
                    netty.wrap(Unpooled.wrappedBuffer(frame.prefix(), frame.shared())));
        }
        byte[] joined = new byte[frame.length()];
        System.arraycopy(frame.prefix(), 0, joined, 0, frame.prefix().length);
        System.arraycopy(frame.shared(), 0, joined, frame.prefix().length, frame.shared().length);
        return new WebSocketMessage(WebSocketMessage.Type.TEXT, buffers.wrap(joined));
    }

    /** Closes the connection from this side, once, remembering why. */
    private static void close(WebSocketSession session, SendQueue sendQueue, AtomicReference<CloseReason> closedBy,
                              CloseReason reason, CloseStatus status) {
        if (closedBy.compareAndSet(null, reason)) {
            sendQueue.complete();
            session.close(status).subscribe(null, error -> { });
        }
    }

    /** A close the edge did not start: a protocol error (1002, Netty's answer to a bad frame) or the client. */
    private static CloseReason byClient(CloseStatus status) {
        return status != null && status.getCode() == CloseStatus.PROTOCOL_ERROR.getCode()
                ? CloseReason.PROTOCOL_ERROR : CloseReason.CLIENT;
    }

    private void handle(Connection connection, ConnectionExpiry expiry, Inbound message) {
        try {
            ObjectNode auth = message.text() != null && connection.v2() ? TokenRefresh.authMessage(message.text()) : null;
            if (auth != null) {
                tokenRefresh.refresh(connection, expiry, auth);
            } else if (message.text() != null) {
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
