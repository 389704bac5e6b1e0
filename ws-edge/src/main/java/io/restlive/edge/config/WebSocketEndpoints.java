package io.restlive.edge.config;

import io.restlive.core.views.Endpoint;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.auth.AuthenticatingWebSocketService;
import io.restlive.edge.auth.ConnectionCaps;
import io.restlive.edge.auth.OriginPolicy;
import io.restlive.edge.auth.TokenAuthenticator;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.protocol.SubscriptionProtocol;
import io.restlive.edge.web.LiveWebSocketHandler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Serves each endpoint of the views file, with and without its trailing slash, on Reactor Netty: a
 * connection costs a few kilobytes of heap and no thread, and frames are written without blocking the
 * thread that produced them (docs/benchmarks.md: Tomcat held about 78 KB of heap per connection).
 */
@Configuration(proxyBeanMethods = false)
public class WebSocketEndpoints {

    /**
     * Up to this many client frames are handled at once. A subscribe blocks its thread while the processor
     * looks its instance up and while the broker acknowledges the group announcement (tens of
     * milliseconds), so throughput is threads / wait: Reactor's default of ten per core held a subscribe
     * storm to about 460 subscribes/s on two cores; 256 threads (Tomcat's pool was 200) give it back.
     */
    static final int PROTOCOL_THREADS = 256;

    /** Client frames and token checks run here: a subscribe may wait for the processor's lookup. */
    @Bean(destroyMethod = "dispose")
    Scheduler protocolThreads() {
        return Schedulers.newBoundedElastic(PROTOCOL_THREADS, Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "protocol");
    }

    @Bean
    HandlerMapping webSocketMapping(ViewsFile views, SubscriptionProtocol protocol, EdgeProperties properties,
                                    Scheduler protocolThreads, EdgeMetrics metrics, TokenAuthenticator authenticator,
                                    JwtProperties jwt, LimitProperties limits) {
        Map<String, Object> handlers = new LinkedHashMap<>();
        for (Endpoint endpoint : views.endpoints()) {
            LiveWebSocketHandler handler = new LiveWebSocketHandler(endpoint, protocol, protocolThreads,
                    properties.sendTimeLimit(), properties.sendBufferLimit(), metrics, Schedulers.parallel(),
                    Clock.systemUTC(), authenticator, jwt.tokenExpiryWarning(), limits.errorLimit());
            String path = endpoint.path();
            handlers.put(path, handler);
            String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
            if (!other.isEmpty()) {
                handlers.put(other, handler);
            }
        }
        // Before the annotated controllers and the actuator's mappings.
        return new SimpleUrlHandlerMapping(handlers, -1);
    }

    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter(TokenAuthenticator authenticator, Scheduler protocolThreads,
                                                    OriginPolicy origins, ConnectionCaps caps, EdgeMetrics metrics) {
        HandshakeWebSocketService upgrade = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy());
        WebSocketService service = new AuthenticatingWebSocketService(authenticator, upgrade, protocolThreads, origins,
                caps, metrics);
        return new WebSocketHandlerAdapter(service);
    }
}
