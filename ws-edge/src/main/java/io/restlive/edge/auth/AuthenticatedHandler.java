package io.restlive.edge.auth;

import io.restlive.edge.protocol.ClientBudget;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * A WebSocket handler that is told who connected. The user is handed over directly rather than as a
 * session attribute: WebFlux copies only WebSession attributes into WebSocket sessions, and a WebSession
 * per connection would cost memory and a cookie for nothing.
 */
public interface AuthenticatedHandler extends WebSocketHandler {

    /**
     * Serves the session of an authenticated (or anonymous) user.
     *
     * @param budget what the user (or anonymous address) may take over all its connections on this edge
     */
    Mono<Void> handle(WebSocketSession session, AuthenticatedUser user, ClientBudget budget);

    /** Serves the session with no budget shared with other connections. */
    default Mono<Void> handle(WebSocketSession session, AuthenticatedUser user) {
        return handle(session, user, ClientBudget.unlimited());
    }

    @Override
    default Mono<Void> handle(WebSocketSession session) {
        return handle(session, AuthenticatedUser.ANONYMOUS);
    }
}
