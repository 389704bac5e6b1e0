package io.restlive.processor.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.restlive.core.kafka.RestLiveTopics;
import io.restlive.processor.config.ProcessorProperties;
import io.restlive.processor.config.StreamsPropertiesFactory;
import io.restlive.processor.topology.SubscriptionTopology;
import io.restlive.processor.topology.TopologySettings;
import io.restlive.schemas.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the one {@link KafkaStreams} of this instance: declares the topics, checks that the ones a task
 * reads together are partitioned alike, notes where its input ended at start-up (readiness waits for it),
 * builds the topology, starts it after the HTTP server (so that {@code application.server} answers lookups)
 * and closes it first on shutdown. If Kafka Streams fails for good (ERROR), the process is told to exit, so
 * that its supervisor restarts it rather than keep a live-looking instance that processes nothing. Local
 * state is never wiped: it is what makes a restart fast.
 */
public final class StreamsRuntime implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsRuntime.class);
    private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMITTED_POLL = Duration.ofSeconds(1);

    private final ProcessorProperties properties;
    private final TopologySettings settings;
    private final Supplier<HostInfo> self;
    private final MeterRegistry registry;
    private final Consumer<String> fatal;
    private volatile KafkaStreams streams;
    private volatile HostInfo host;
    private volatile int partitions;
    private KafkaStreamsMetrics streamsMetrics;
    private CommittedProgress committedProgress;

    /**
     * @param properties the processor's settings
     * @param settings what the topology is built from
     * @param self this instance's advertised host and HTTP port, known once the HTTP server listens
     * @param registry where Kafka Streams' own metrics are bound
     * @param fatal ends the process with the given reason (Kafka Streams failed for good)
     */
    public StreamsRuntime(ProcessorProperties properties, TopologySettings settings, Supplier<HostInfo> self,
                          MeterRegistry registry, Consumer<String> fatal) {
        this.properties = properties;
        this.settings = settings;
        this.self = self;
        this.registry = registry;
        this.fatal = fatal;
    }

    @Override
    public synchronized void start() {
        TopicNames topics = settings.topics();
        RestLiveTopics.ensure(properties.kafkaClients(), RestLiveTopics.declarations(topics,
                properties.partitions(), properties.broadcastPartitions(), properties.replication()), TOPICS_TIMEOUT);
        partitions = RestLiveTopics.dataPartitions(properties.kafkaClients(), topics, TOPICS_TIMEOUT);
        StartupOffsets offsets = StartupOffsets.read(properties.kafkaClients(), properties.applicationId(),
                List.of(topics.changes(), topics.reroutedChanges(), topics.subscriptions()), partitions, TOPICS_TIMEOUT);
        settings.progress().track(offsets.ends(), offsets.committed(), properties.exactlyOnce() ? 1 : 0);
        committedProgress = CommittedProgress.reading(settings.progress(), properties.kafkaClients(),
                properties.applicationId(), TOPICS_TIMEOUT);
        committedProgress.start(COMMITTED_POLL);
        host = self.get();
        KafkaStreams created = new KafkaStreams(SubscriptionTopology.build(settings.withDataPartitions(partitions)),
                StreamsPropertiesFactory.create(properties, host));
        created.setUncaughtExceptionHandler(e -> {
            log.error("A stream thread failed; stopping this instance so that it is restarted", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        created.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR) {
                fatal.accept("Kafka Streams failed (state ERROR): this instance processes nothing until restarted");
            }
        });
        streamsMetrics = new KafkaStreamsMetrics(created);
        streamsMetrics.bindTo(registry);
        streams = created;
        log.info("Starting Kafka Streams {} as {}:{} ({} partitions)", properties.applicationId(), host.host(),
                host.port(), partitions);
        created.start();
    }

    @Override
    public synchronized void stop() {
        KafkaStreams running = streams;
        if (running == null) {
            return;
        }
        committedProgress.close();
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

    /** The partition count of the changes topic; 0 before start. */
    public int partitions() {
        return partitions;
    }
}
