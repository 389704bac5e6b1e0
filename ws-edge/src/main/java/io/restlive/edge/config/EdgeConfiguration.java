package io.restlive.edge.config;

import io.restlive.core.kafka.RestLiveTopics;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.auth.TokenAuthenticator;
import io.restlive.edge.fanout.BroadcastConsumer;
import io.restlive.edge.fanout.BroadcastDelivery;
import io.restlive.edge.groups.EdgeHeartbeats;
import io.restlive.edge.groups.EdgeSession;
import io.restlive.edge.groups.GroupCommands;
import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.lookup.ProcessorLookupClient;
import io.restlive.edge.protocol.SubscriptionProtocol;
import io.restlive.schemas.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Wires an edge from its typed configuration: views, Kafka clients, groups, fan-out and tokens. */
@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EdgeConfiguration.class);

    @Bean
    ViewsFile viewsFile(EdgeProperties properties) {
        log.info("Starting edge with {}", properties);
        return ViewsFile.load(properties.views());
    }

    @Bean
    TopicNames topicNames(EdgeProperties properties) {
        TopicNames names = new TopicNames(properties.topicPrefix());
        RestLiveTopics.ensure(properties.bootstrapServers(),
                RestLiveTopics.declarations(names, properties.partitions(), properties.replication()),
                Duration.ofSeconds(30));
        return names;
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> groupProducer(EdgeProperties properties) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "rest-live-edge-" + properties.edgeId()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Bean(destroyMethod = "leaveAll")
    LocalGroups localGroups(Producer<byte[], byte[]> groupProducer, TopicNames names, EdgeProperties properties) {
        return new LocalGroups(new GroupCommands(groupProducer, names.subscriptions(),
                EdgeSession.start(properties.edgeId())), Duration.ofSeconds(5));
    }

    /** Started before any subscription can join a group: the processor must know the session first. */
    @Bean(initMethod = "start", destroyMethod = "close")
    EdgeHeartbeats edgeHeartbeats(Producer<byte[], byte[]> groupProducer, TopicNames names, LocalGroups groups,
                                  EdgeProperties properties) {
        return new EdgeHeartbeats(groupProducer, names.edgeHeartbeats(), groups.session(),
                properties.heartbeatInterval(), groups, System::currentTimeMillis);
    }

    @Bean
    SubscriptionProtocol subscriptionProtocol(LocalGroups groups, EdgeProperties properties) {
        return new SubscriptionProtocol(new ProcessorLookupClient(properties.processorUrl(),
                properties.lookupTimeout()), groups);
    }

    @Bean(destroyMethod = "close")
    BroadcastConsumer broadcastConsumer(LocalGroups groups, TopicNames names, EdgeProperties properties) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "rest-live-edge-" + properties.edgeId()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        BroadcastConsumer broadcasts = new BroadcastConsumer(consumer, names.broadcasts(), new BroadcastDelivery(groups));
        broadcasts.start();
        return broadcasts;
    }

    /** Readiness: the edge delivers nothing until it reads every broadcast partition. */
    @Bean
    HealthIndicator broadcasts(BroadcastConsumer consumer) {
        return () -> consumer.isReady() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "broadcast partitions not assigned yet").build();
    }

    @Bean
    TokenAuthenticator tokenAuthenticator(EdgeProperties properties) {
        JwtDecoder decoder = null;
        if (properties.jwtSecret() != null && !properties.jwtSecret().isEmpty()) {
            decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(
                            properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        } else if (properties.jwtJwkSetUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwtJwkSetUri()).build();
        } else if (properties.jwtIssuerUri() != null) {
            decoder = JwtDecoders.fromIssuerLocation(properties.jwtIssuerUri());
        } else {
            log.warn("No rest-live.jwt-secret, jwt-jwk-set-uri or jwt-issuer-uri: every token will be refused");
        }
        return new TokenAuthenticator(decoder);
    }
}
