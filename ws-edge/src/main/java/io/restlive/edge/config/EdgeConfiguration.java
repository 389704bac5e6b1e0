package io.restlive.edge.config;

import io.restlive.core.kafka.RestLiveTopics;
import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.fanout.BroadcastConsumer;
import io.restlive.edge.fanout.BroadcastDelivery;
import io.restlive.edge.groups.EdgeHeartbeats;
import io.restlive.edge.groups.EdgeSession;
import io.restlive.edge.groups.GroupCommands;
import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.groups.ReadPositions;
import io.restlive.edge.groups.SlotChooser;
import io.restlive.edge.lookup.ProcessorLookupClient;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.protocol.SubscriptionLimits;
import io.restlive.edge.protocol.SubscriptionProtocol;
import io.restlive.schemas.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/** Wires an edge from its typed configuration: views, Kafka clients, groups and fan-out. */
@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EdgeConfiguration.class);
    private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    ViewsFile viewsFile(EdgeProperties properties) {
        log.info("Starting edge with {}", properties);
        return ViewsFile.load(properties.views());
    }

    @Bean
    TopicNames topicNames(EdgeProperties properties) {
        TopicNames names = new TopicNames(properties.topicPrefix());
        RestLiveTopics.ensure(properties.kafkaClients(), RestLiveTopics.declarations(names,
                properties.partitions(), properties.broadcastPartitions(), properties.replication()), TOPICS_TIMEOUT);
        return names;
    }

    /** The processor's task count: the partitions of the topics a task reads together. */
    @Bean
    ReadPositions readPositions(EdgeProperties properties, TopicNames names) {
        return new ReadPositions(RestLiveTopics.dataPartitions(properties.kafkaClients(), names, TOPICS_TIMEOUT));
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> groupProducer(EdgeProperties properties) {
        return new KafkaProducer<>(properties.kafkaClients().config(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "rest-live-edge-" + properties.edgeId())),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A new session, reading the broadcasts slot the fewest live edges read. */
    @Bean
    EdgeSession edgeSession(EdgeProperties properties, TopicNames names) {
        EdgeSession session = EdgeSession.start(properties.edgeId());
        int slots = RestLiveTopics.partitionCounts(properties.kafkaClients(), List.of(names.broadcasts()),
                TOPICS_TIMEOUT).get(names.broadcasts());
        session.useSlot(SlotChooser.choose(consumer(properties, "slots"), names.edgeHeartbeats(), slots,
                System.currentTimeMillis(), TOPICS_TIMEOUT));
        return session;
    }

    @Bean
    GroupCommands groupCommands(Producer<byte[], byte[]> groupProducer, TopicNames names, EdgeSession session,
                                ReadPositions positions) {
        return new GroupCommands(groupProducer, new SubscriptionRecords(names.subscriptions(), positions.partitions()),
                session);
    }

    @Bean(destroyMethod = "leaveAll")
    LocalGroups localGroups(GroupCommands commands, ReadPositions positions) {
        return new LocalGroups(commands, positions, Duration.ofSeconds(5));
    }

    @Bean(destroyMethod = "close")
    BroadcastConsumer broadcastConsumer(LocalGroups groups, ReadPositions positions, TopicNames names,
                                        EdgeSession session, EdgeProperties properties, EdgeMetrics metrics) {
        BroadcastConsumer broadcasts = new BroadcastConsumer(consumer(properties, "broadcasts"), names.broadcasts(),
                session.slot(), new BroadcastDelivery(groups, positions, metrics), metrics);
        broadcasts.start();
        return broadcasts;
    }

    /**
     * Started once the broadcast consumer reads its slot (the processor's tasks answer the session's start
     * with their positions, on the slot) and before any subscription can join a group.
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    EdgeHeartbeats edgeHeartbeats(Producer<byte[], byte[]> groupProducer, TopicNames names, EdgeSession session,
                                  LocalGroups groups, GroupCommands commands, ReadPositions positions,
                                  BroadcastConsumer broadcasts, EdgeProperties properties) throws InterruptedException {
        if (!broadcasts.awaitReady(TOPICS_TIMEOUT)) {
            throw new IllegalStateException("the broadcasts slot " + session.slot() + " could not be read within "
                    + TOPICS_TIMEOUT.toSeconds() + " s: is Kafka at " + properties.bootstrapServers() + " reachable?");
        }
        return new EdgeHeartbeats(groupProducer, names.edgeHeartbeats(), session, properties.heartbeatInterval(),
                groups, commands, positions::knowsEveryTask, System::currentTimeMillis);
    }

    @Bean
    SubscriptionProtocol subscriptionProtocol(LocalGroups groups, EdgeHeartbeats started, EdgeProperties properties,
                                              SubscriptionLimits limits, EdgeMetrics metrics, LimitProperties limitSettings) {
        ProcessorLookupClient processors = new ProcessorLookupClient(properties.processorUrl(), properties.lookupTimeout(),
                properties.internalSecret());
        SubscriptionProtocol protocol = new SubscriptionProtocol(processors, groups, limits, metrics, processors,
                limitSettings.snapshotLimit());
        groups.endWith(protocol);
        return protocol;
    }

    /**
     * Readiness: the edge reads its slot and knows every processor task's position (so that a subscription
     * it accepts can be made live from that moment).
     */
    @Bean
    HealthIndicator broadcasts(BroadcastConsumer consumer, ReadPositions positions) {
        return () -> {
            if (!consumer.isReady()) {
                return Health.outOfService().withDetail("reason", "broadcasts slot not assigned yet").build();
            }
            if (!positions.knowsEveryTask()) {
                return Health.outOfService().withDetail("reason", "waiting for every processor task's position")
                        .withDetail("known", positions.snapshot().size()).build();
            }
            return Health.up().build();
        };
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EdgeProperties properties, String purpose) {
        return new KafkaConsumer<>(properties.kafkaClients().config(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "rest-live-edge-" + properties.edgeId() + "-" + purpose)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
