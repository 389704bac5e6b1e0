package io.restlive.edge.auth;

import io.restlive.core.views.LiveUser;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Authenticates the handshake from {@code Authorization: Bearer <token>} or the {@code access_token}
 * query parameter (browsers cannot set headers on a WebSocket); a bad token gets HTTP 401.
 */
public final class TokenHandshakeInterceptor implements HandshakeInterceptor {

    /** The attribute under which the connection's {@link LiveUser} is kept. */
    public static final String USER = "rest-live.user";

    private static final Logger log = LoggerFactory.getLogger(TokenHandshakeInterceptor.class);

    private final TokenAuthenticator authenticator;

    public TokenHandshakeInterceptor(TokenAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        try {
            attributes.put(USER, authenticator.authenticate(token(request)));
            return true;
        } catch (TokenAuthenticator.InvalidTokenException e) {
            log.info("Rejected a handshake from {}: {}", request.getRemoteAddress(), e.getMessage());
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
                               WebSocketHandler handler, Exception exception) {
    }

    static String token(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        List<String> query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams()
                .get("access_token");
        return query == null || query.isEmpty() ? null : query.get(0);
    }
}
