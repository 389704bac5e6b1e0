package io.restlive.edge.auth;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * A WebSocket handler that is told who connected. The user is handed over directly rather than as a
 * session attribute: WebFlux copies only WebSession attributes into WebSocket sessions, and a WebSession
 * per connection would cost memory and a cookie for nothing.
 */
public interface AuthenticatedHandler extends WebSocketHandler {

    /** Serves the session of an authenticated (or anonymous) user. */
    Mono<Void> handle(WebSocketSession session, AuthenticatedUser user);

    @Override
    default Mono<Void> handle(WebSocketSession session) {
        return handle(session, AuthenticatedUser.ANONYMOUS);
    }
}
