package io.restlive.edge.web;

import io.restlive.core.views.Endpoint;
import io.restlive.core.views.LiveUser;
import io.restlive.edge.auth.TokenHandshakeInterceptor;
import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.SubscriptionProtocol;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * The WebSocket side of one endpoint: wraps each session in a non-blocking sender and passes frames to
 * the protocol.
 */
public final class LiveWebSocketHandler extends AbstractWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(LiveWebSocketHandler.class);
    private static final String CONNECTION = "rest-live.connection";
    /** django-rest-live's close code for an unauthenticated connection to a private router. */
    static final CloseStatus UNAUTHENTICATED = new CloseStatus(4003);

    private final Endpoint endpoint;
    private final SubscriptionProtocol protocol;
    private final Duration sendTimeLimit;
    private final int sendBufferLimit;

    public LiveWebSocketHandler(Endpoint endpoint, SubscriptionProtocol protocol, Duration sendTimeLimit,
                                int sendBufferLimit) {
        this.endpoint = endpoint;
        this.protocol = protocol;
        this.sendTimeLimit = sendTimeLimit;
        this.sendBufferLimit = sendBufferLimit;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        LiveUser user = (LiveUser) session.getAttributes().getOrDefault(TokenHandshakeInterceptor.USER, LiveUser.ANONYMOUS);
        if (!endpoint.isPublic() && !user.authenticated()) {
            // Accept, then close with 4003: a close after accept lets browsers see the code.
            session.close(UNAUTHENTICATED);
            return;
        }
        WebSocketSession sender = new ConcurrentWebSocketSessionDecorator(session,
                (int) sendTimeLimit.toMillis(), sendBufferLimit);
        Connection connection = new Connection(session.getId(), user, endpoint, text -> send(sender, text));
        session.getAttributes().put(CONNECTION, connection);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connection(session);
        if (connection != null) {
            protocol.onText(connection, message.getPayload());
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        Connection connection = connection(session);
        if (connection != null) {
            protocol.onBinary(connection);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = (Connection) session.getAttributes().remove(CONNECTION);
        if (connection != null) {
            protocol.onClose(connection);
        }
    }

    private static Connection connection(WebSocketSession session) {
        return (Connection) session.getAttributes().get(CONNECTION);
    }

    private static void send(WebSocketSession sender, String text) {
        try {
            sender.sendMessage(new TextMessage(text));
        } catch (SessionLimitExceededException e) {
            log.info("Closed slow client {}: {}", sender.getId(), e.getMessage());
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not send to {}: {}", sender.getId(), e.toString());
        }
    }
}
