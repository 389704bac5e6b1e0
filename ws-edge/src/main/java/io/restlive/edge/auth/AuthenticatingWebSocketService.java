package io.restlive.edge.auth;

import io.restlive.core.views.LiveUser;
import java.util.List;
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
 * Authenticates the handshake from {@code Authorization: Bearer <token>} or the {@code access_token} query
 * parameter (browsers cannot set headers on a WebSocket) before upgrading: a bad or expired token gets HTTP
 * 401 and no WebSocket; no token at all is an anonymous user. The token is checked off the event loop (a
 * decoder may fetch an issuer's keys), the upgrade back on it. An {@link AuthenticatedHandler} is given
 * the user with the session.
 */
public final class AuthenticatingWebSocketService implements WebSocketService {

    private static final Logger log = LoggerFactory.getLogger(AuthenticatingWebSocketService.class);

    private final TokenAuthenticator authenticator;
    private final WebSocketService upgrade;
    private final Scheduler blockingThreads;

    /**
     * @param upgrade performs the handshake
     * @param blockingThreads where tokens are checked (fetching an issuer's keys blocks)
     */
    public AuthenticatingWebSocketService(TokenAuthenticator authenticator, WebSocketService upgrade,
                                          Scheduler blockingThreads) {
        this.authenticator = authenticator;
        this.upgrade = upgrade;
        this.blockingThreads = blockingThreads;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        String token = token(exchange.getRequest());
        return Mono.fromCallable(() -> authenticator.authenticate(token))
                .subscribeOn(blockingThreads)
                .publishOn(eventLoopOf(exchange))
                .flatMap(user -> upgrade.handleRequest(exchange, handler instanceof AuthenticatedHandler authenticated
                        ? withUser(authenticated, user) : handler))
                .onErrorResume(TokenAuthenticator.InvalidTokenException.class, e -> {
                    log.info("Rejected a handshake from {}: {}", exchange.getRequest().getRemoteAddress(), e.getMessage());
                    exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
                    return exchange.getResponse().setComplete();
                });
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

    private static WebSocketHandler withUser(AuthenticatedHandler handler, LiveUser user) {
        return session -> handler.handle(session, user);
    }

    static String token(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        List<String> query = request.getQueryParams().get("access_token");
        return query == null || query.isEmpty() ? null : query.get(0);
    }
}
