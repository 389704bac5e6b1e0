package io.restlive.edge.auth;

import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.metrics.EdgeMetrics.AuthFailure;
import io.restlive.edge.metrics.EdgeMetrics.Limit;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Admits a handshake before upgrading it, in this order: its {@code Origin} must be allowed (else HTTP 403);
 * the edge must have room (else 503); its token, from {@code Authorization: Bearer <token>} or the
 * {@code access_token} query parameter (browsers cannot set headers on a WebSocket), must validate (else
 * 401; no token at all is an anonymous user); its user, or for an anonymous connection its remote address,
 * must hold fewer connections than the per-user cap (else 429). The token is checked off the event loop (a
 * decoder may fetch an issuer's keys), the upgrade back on it. An {@link AuthenticatedHandler} is given the
 * user with the session. The connection's slot is given back when it closes.
 */
public final class AuthenticatingWebSocketService implements WebSocketService {

    private static final Logger log = LoggerFactory.getLogger(AuthenticatingWebSocketService.class);
    private static final int MAX_LOGGED_CHARS = 300;

    private final TokenAuthenticator authenticator;
    private final WebSocketService upgrade;
    private final Scheduler blockingThreads;
    private final OriginPolicy origins;
    private final ConnectionCaps caps;
    private final EdgeMetrics metrics;

    /** A service without origin checks or caps, for tests of the token and the upgrade alone. */
    public AuthenticatingWebSocketService(TokenAuthenticator authenticator, WebSocketService upgrade,
                                          Scheduler blockingThreads) {
        this(authenticator, upgrade, blockingThreads, new OriginPolicy(List.of()),
                new ConnectionCaps(Integer.MAX_VALUE, Integer.MAX_VALUE), EdgeMetrics.inMemory());
    }

    /**
     * @param upgrade performs the handshake
     * @param blockingThreads where tokens are checked (fetching an issuer's keys blocks)
     * @param origins the allowed {@code Origin}s
     * @param caps the connection caps
     * @param metrics counts refusals
     */
    public AuthenticatingWebSocketService(TokenAuthenticator authenticator, WebSocketService upgrade,
                                          Scheduler blockingThreads, OriginPolicy origins, ConnectionCaps caps,
                                          EdgeMetrics metrics) {
        this.authenticator = authenticator;
        this.upgrade = upgrade;
        this.blockingThreads = blockingThreads;
        this.origins = origins;
        this.caps = caps;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getOrigin();
        if (!origins.allows(origin)) {
            metrics.authFailed(AuthFailure.ORIGIN);
            log.info("Refused a handshake from {}: origin {} is not in rest-live.allowed-origins",
                    request.getRemoteAddress(), truncate(origin));
            return refuse(exchange, HttpStatus.FORBIDDEN);
        }
        Optional<ConnectionCaps.Permit> edgeSlot = caps.acquire();
        if (edgeSlot.isEmpty()) {
            metrics.refused(Limit.CONNECTIONS);
            log.debug("Refused a handshake from {}: the edge holds rest-live.max-connections connections",
                    request.getRemoteAddress());
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE);
        }
        ConnectionCaps.Permit slot = edgeSlot.get();
        String token = token(request);
        return Mono.fromCallable(() -> authenticator.authenticate(token))
                .subscribeOn(blockingThreads)
                .publishOn(eventLoopOf(exchange))
                .flatMap(user -> admit(exchange, handler, user, slot))
                .doOnError(e -> slot.release())
                .doOnCancel(slot::release)
                .onErrorResume(TokenAuthenticator.InvalidTokenException.class, e -> {
                    metrics.authFailed(e.reason());
                    log.info("Rejected a handshake from {}: {} ({})", request.getRemoteAddress(),
                            e.reason().name().toLowerCase(java.util.Locale.ROOT), sanitized(e.getMessage(), token));
                    return refuse(exchange, HttpStatus.UNAUTHORIZED);
                });
    }

    private Mono<Void> admit(ServerWebExchange exchange, WebSocketHandler handler, AuthenticatedUser user,
                             ConnectionCaps.Permit slot) {
        String client = clientKey(exchange.getRequest(), user);
        ConnectionCaps.Admission admission = caps.acquireFor(client, slot);
        if (!admission.admitted()) {
            // Each refusal names its limit; the rates (not the connection cap) refill within a second.
            Limit limit = switch (admission.refusal()) {
                case HANDSHAKE_RATE -> Limit.HANDSHAKE_RATE_PER_USER;
                case ERRORS -> Limit.ERRORS_PER_USER;
                case CONNECTIONS_PER_CLIENT -> Limit.CONNECTIONS_PER_USER;
            };
            metrics.refused(limit);
            log.debug("Refused a handshake of {}: {}", client, limit.name().toLowerCase(java.util.Locale.ROOT));
            if (limit != Limit.CONNECTIONS_PER_USER) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            }
            return refuse(exchange, HttpStatus.TOO_MANY_REQUESTS);
        }
        ConnectionCaps.Permit permit = admission.permit();
        releaseWhenClosed(exchange, permit);
        WebSocketHandler served = handler instanceof AuthenticatedHandler authenticated
                ? new WebSocketHandler() {
                    // The handshake picks the subprotocol from the served handler's list (protocol v2).
                    @Override
                    public List<String> getSubProtocols() {
                        return handler.getSubProtocols();
                    }

                    @Override
                    public Mono<Void> handle(org.springframework.web.reactive.socket.WebSocketSession session) {
                        return authenticated.handle(session, user, permit.budget())
                                .doFinally(signal -> permit.release());
                    }
                }
                : handler;
        return upgrade.handleRequest(exchange, served).doOnError(e -> permit.release());
    }

    /** A user counts by the token's subject; an anonymous connection (or one without sub) by its address. */
    static String clientKey(ServerHttpRequest request, AuthenticatedUser user) {
        if (user.user().authenticated() && user.user().id() != null) {
            return "user:" + user.user().id();
        }
        InetSocketAddress remote = request.getRemoteAddress();
        String address = remote == null ? "unknown" : remote.getAddress() != null
                ? remote.getAddress().getHostAddress() : remote.getHostString();
        return "address:" + address;
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status) {
        exchange.getResponse().setStatusCode(status);
        return exchange.getResponse().setComplete();
    }

    /** The slot goes back when the TCP connection closes, whatever happened to the WebSocket. */
    private static void releaseWhenClosed(ServerWebExchange exchange, ConnectionCaps.Permit permit) {
        try {
            if (ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection) {
                connection.channel().closeFuture().addListener(closed -> permit.release());
            }
        } catch (IllegalArgumentException notOnNetty) {
            // Tests without Netty: the handler's end releases it.
        }
    }

    /**
     * The event loop of the handshake's connection, where the upgrade must run. Reactor Netty binds the
     * WebSocket handler to the channel in a listener of the handshake response's write; started from another
     * thread, that listener can run as a later event-loop task, after the loop has already read the client's
     * first frame and dropped it for want of a handler (reactor-netty#1089 is the same race). Clients send
     * their first subscribe the moment the socket opens, so that frame was lost now and then: a subscription
     * that silently never happened.
     */
    static Scheduler eventLoopOf(ServerWebExchange exchange) {
        Object request;
        try {
            request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        } catch (IllegalArgumentException notOnNetty) {
            return Schedulers.immediate();
        }
        return request instanceof Connection connection
                ? Schedulers.fromExecutor(connection.channel().eventLoop()) : Schedulers.immediate();
    }

    static String token(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        List<String> query = request.getQueryParams().get("access_token");
        return query == null || query.isEmpty() ? null : query.get(0);
    }

    /** A decoder's message for the log: never the token, and never long. */
    static String sanitized(String message, String token) {
        String text = String.valueOf(message);
        if (token != null && !token.isEmpty()) {
            text = text.replace(token, "<token>");
        }
        return truncate(text);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_LOGGED_CHARS ? text : text.substring(0, MAX_LOGGED_CHARS) + "...";
    }
}
