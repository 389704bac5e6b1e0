package io.restlive.processor.config;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/** Builds the Kafka Streams properties from the typed settings; nothing else configures Streams. */
public final class StreamsPropertiesFactory {

    private StreamsPropertiesFactory() {
    }

    /**
     * The Streams properties of this instance.
     *
     * @param properties the processor's settings
     * @param self the host and HTTP port other instances reach this one at ({@code application.server})
     */
    public static Properties create(ProcessorProperties properties, HostInfo self) {
        Properties props = new Properties();
        // Passed-through client properties first (security, ...): every setting below wins over them.
        props.putAll(properties.kafkaClients().properties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.streamThreads());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) properties.replication());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                properties.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        // Broadcasts are live updates: Streams' default 100 ms producer linger is latency users see.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), (int) properties.broadcastLinger().toMillis());
        // A task taken over after a crash reapplies what came after the last commit: keep that short.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) properties.commitInterval().toMillis());
        // Failover: a warm copy of each task elsewhere, and a dead member noticed within the session timeout.
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, properties.standbyReplicas());
        int sessionMs = (int) properties.sessionTimeout().toMillis();
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), sessionMs);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), Math.max(250, sessionMs / 4));
        if (properties.instanceId() != null) {
            // Static membership: a restart under the same id takes its tasks back without a rebalance (Streams
            // suffixes the id per stream thread).
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), properties.instanceId());
        }
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, BroadcastProductionPolicy.class);
        props.put(BroadcastProductionPolicy.SKIPPABLE_TOPICS,
                properties.topicNames().broadcasts() + "," + properties.topicNames().deadLetters());
        return props;
    }
}
