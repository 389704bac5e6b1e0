package io.restlive.edge.config;

import io.restlive.core.views.Endpoint;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.auth.TokenAuthenticator;
import io.restlive.edge.auth.TokenHandshakeInterceptor;
import io.restlive.edge.protocol.SubscriptionProtocol;
import io.restlive.edge.web.LiveWebSocketHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves each endpoint of the views file, with and without its trailing slash. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class WebSocketEndpoints implements WebSocketConfigurer {

    private final ViewsFile views;
    private final SubscriptionProtocol protocol;
    private final TokenAuthenticator authenticator;
    private final EdgeProperties properties;

    public WebSocketEndpoints(ViewsFile views, SubscriptionProtocol protocol, TokenAuthenticator authenticator,
                              EdgeProperties properties) {
        this.views = views;
        this.protocol = protocol;
        this.authenticator = authenticator;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        for (Endpoint endpoint : views.endpoints()) {
            String path = endpoint.path();
            String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
            registry.addHandler(new LiveWebSocketHandler(endpoint, protocol, properties.sendTimeLimit(),
                            properties.sendBufferLimit()), other.isEmpty() ? new String[] {path} : new String[] {path, other})
                    .addInterceptors(new TokenHandshakeInterceptor(authenticator))
                    .setAllowedOriginPatterns("*");
        }
    }
}
