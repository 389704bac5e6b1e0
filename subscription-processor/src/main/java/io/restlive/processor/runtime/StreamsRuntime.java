package io.restlive.processor.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.restlive.core.kafka.RestLiveTopics;
import io.restlive.processor.config.ProcessorProperties;
import io.restlive.processor.config.StreamsPropertiesFactory;
import io.restlive.processor.topology.SubscriptionTopology;
import io.restlive.processor.topology.TopologySettings;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the one {@link KafkaStreams} of this instance: declares the topics, builds the topology, starts it
 * after the HTTP server (so that {@code application.server} answers lookups) and closes it first on
 * shutdown. Local state is never wiped: it is what makes a restart fast.
 */
public final class StreamsRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsRuntime.class);
    private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Serializer<String> ENTITY_KEYS = Serdes.String().serializer();

    private final ProcessorProperties properties;
    private final TopologySettings settings;
    private final Supplier<HostInfo> self;
    private final MeterRegistry registry;
    private volatile KafkaStreams streams;
    private volatile HostInfo host;
    private KafkaStreamsMetrics streamsMetrics;

    /**
     * @param properties the processor's settings
     * @param settings what the topology is built from
     * @param self this instance's advertised host and HTTP port, known once the HTTP server listens
     * @param registry where Kafka Streams' own metrics are bound
     */
    public StreamsRuntime(ProcessorProperties properties, TopologySettings settings, Supplier<HostInfo> self,
                          MeterRegistry registry) {
        this.properties = properties;
        this.settings = settings;
        this.self = self;
        this.registry = registry;
    }

    @Override
    public synchronized void start() {
        RestLiveTopics.ensure(properties.bootstrapServers(), RestLiveTopics.declarations(settings.topics(),
                properties.partitions(), properties.replication()), TOPICS_TIMEOUT);
        host = self.get();
        // Owner tasks ask where an entity lives, to tell an entity deleted without a version from one
        // stored elsewhere.
        TopologySettings running = settings.withEntityPartitions(this::partitionOf);
        KafkaStreams created = new KafkaStreams(SubscriptionTopology.build(running),
                StreamsPropertiesFactory.create(properties, host));
        created.setUncaughtExceptionHandler(e -> {
            log.error("A stream thread failed; stopping this instance so that it is restarted", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        created.setStateListener((now, before) -> log.info("Kafka Streams {} -> {}", before, now));
        streamsMetrics = new KafkaStreamsMetrics(created);
        streamsMetrics.bindTo(registry);
        streams = created;
        log.info("Starting Kafka Streams {} as {}:{}", properties.applicationId(), host.host(), host.port());
        created.start();
    }

    @Override
    public synchronized void stop() {
        KafkaStreams running = streams;
        if (running == null) {
            return;
        }
        log.info("Closing Kafka Streams");
        running.close(CLOSE_TIMEOUT);
        streamsMetrics.close();
        streams = null;
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** Started after everything else, the HTTP server included; stopped before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /**
     * The partition of the entity store that holds {@code entityKey}, as Kafka Streams routes it (the
     * changes topic's actual partition count, the default partitioner); empty before start and while the
     * metadata is not available (a rebalance).
     */
    private OptionalInt partitionOf(String entityKey) {
        KafkaStreams current = streams;
        if (current == null) {
            return OptionalInt.empty();
        }
        KeyQueryMetadata metadata = current.queryMetadataForKey(SubscriptionTopology.ENTITIES_STORE, entityKey,
                ENTITY_KEYS);
        return metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                ? OptionalInt.empty() : OptionalInt.of(metadata.partition());
    }

    /** The running Kafka Streams, if started. */
    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** Its state; {@code CREATED} before start and {@code NOT_RUNNING} after stop. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.CREATED : current.state();
    }

    /** The host and port this instance advertises; empty before start. */
    public Optional<HostInfo> self() {
        return Optional.ofNullable(host);
    }
}
