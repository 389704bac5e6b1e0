package io.restlive.edge.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.restlive.core.views.View;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.auth.ConnectionCaps;
import io.restlive.edge.auth.OriginPolicy;
import io.restlive.edge.auth.TokenAuthenticator;
import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.protocol.SubscriptionLimits;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What guards an edge and what it measures: token validation, the origin allow-list, connection caps,
 * per-connection subscription limits and the edge's meters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({JwtProperties.class, LimitProperties.class})
public class EdgeGuardConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EdgeGuardConfiguration.class);

    @Bean
    EdgeMetrics edgeMetrics(MeterRegistry registry, ViewsFile views) {
        EdgeMetrics metrics = new EdgeMetrics(registry);
        for (View view : views.views()) {
            FunctionCounter.builder("restlive.cel.evaluation.errors", view, View::evaluationErrors)
                    .tag("view", view.name())
                    .description("Evaluations of a view's expressions that failed and counted as false (or null)")
                    .register(registry);
        }
        return metrics;
    }

    @Bean
    TokenAuthenticator tokenAuthenticator(JwtProperties jwt, EdgeProperties edge) {
        log.info("Validating tokens with {}", jwt);
        if (edge.internalSecret() == null) {
            log.warn("No rest-live.internal-secret: the processor will refuse this edge's lookups (401) unless it"
                    + " runs with rest-live.internal-secret-required=false; set REST_LIVE_INTERNAL_SECRET");
        }
        NimbusJwtDecoder decoder;
        if (jwt.jwtSecret() != null) {
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(jwt.jwtSecret().getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();
        } else if (jwt.jwtJwkSetUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwtJwkSetUri()).build();
        } else if (jwt.jwtIssuerUri() != null) {
            decoder = NimbusJwtDecoder.withIssuerLocation(jwt.jwtIssuerUri()).build();
        } else {
            log.warn("No rest-live.jwt-secret, jwt-jwk-set-uri or jwt-issuer-uri: every token will be refused");
            return new TokenAuthenticator(null, jwt.jwtClockSkew());
        }
        decoder.setJwtValidator(jwt.policy().validator());
        return new TokenAuthenticator(decoder, jwt.jwtClockSkew());
    }

    @Bean
    OriginPolicy originPolicy(EdgeProperties edge) {
        OriginPolicy origins = new OriginPolicy(edge.allowedOrigins());
        if (origins.allowsAny()) {
            log.info("rest-live.allowed-origins is empty: pages of any origin may open WebSockets (set it in"
                    + " production)");
        }
        return origins;
    }

    @Bean
    ConnectionCaps connectionCaps(LimitProperties limits, EdgeMetrics metrics) {
        ConnectionCaps caps = new ConnectionCaps(limits.maxConnections(), limits.maxConnectionsPerUser(),
                limits.clientBudgets(), System::nanoTime);
        metrics.gaugeConnections(caps::connections);
        log.info("Limits: {}", limits);
        return caps;
    }

    @Bean
    SubscriptionLimits subscriptionLimits(LimitProperties limits, EdgeMetrics metrics, LocalGroups groups) {
        metrics.gaugeGroups(groups::size);
        return new SubscriptionLimits(limits.subscriptionLimits(), metrics);
    }
}
