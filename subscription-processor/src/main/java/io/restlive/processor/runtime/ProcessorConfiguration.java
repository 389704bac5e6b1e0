package io.restlive.processor.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.restlive.core.views.ViewsFile;
import io.restlive.processor.config.ProcessorProperties;
import io.restlive.processor.config.RegistryProperties;
import io.restlive.processor.decode.ChangeDecoders;
import io.restlive.processor.decode.RegistryChangeDecoder;
import io.restlive.processor.groups.GroupFactory;
import io.restlive.processor.internalapi.InternalApiProperties;
import io.restlive.processor.lookup.EntityStoreAccess;
import io.restlive.processor.lookup.HttpRemoteLookup;
import io.restlive.processor.lookup.LookupService;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.processor.progress.InputProgress;
import io.restlive.processor.snapshot.HttpRemoteSnapshot;
import io.restlive.processor.snapshot.SnapshotService;
import io.restlive.processor.topology.TopologySettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the processor: settings, views file, topology settings, Kafka Streams, lookups and probes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProcessorProperties.class, RegistryProperties.class})
public class ProcessorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProcessorConfiguration.class);

    @Bean
    ViewsFile viewsFile(ProcessorProperties properties) {
        log.info("rest-live processor settings: {}", properties.describe());
        ViewsFile views = ViewsFile.load(properties.views());
        log.info("Loaded {} views from {}", views.views().size(), properties.views());
        return views;
    }

    @Bean
    ProcessorMetrics restLiveMetrics(MeterRegistry registry) {
        return new ProcessorMetrics(registry);
    }

    @Bean
    TopologySettings topologySettings(ProcessorProperties properties, RegistryProperties registry, ViewsFile views,
                                      ProcessorMetrics metrics) {
        ChangeDecoders decoders = ChangeDecoders.standard();
        if (registry.enabled()) {
            log.info("Reading schema-registry envelopes with schemas from {}", registry.url());
            decoders = ChangeDecoders.withRegistry(RegistryChangeDecoder.at(registry.url(),
                    properties.topicNames().changes(), registry.properties()));
        }
        TopologySettings settings = TopologySettings.of(properties.topicNames(), views, decoders, metrics)
                .withEdgeTtl(properties.edgeTtl())
                .withUnknownModelsKept(properties.keepsUnknownModels())
                .withMembership(properties.membership())
                .withProgress(new InputProgress());
        metrics.gaugeGroups(settings.groups()::size);
        metrics.registerModels(views.models());
        return settings;
    }

    @Bean
    StreamsRuntime streamsRuntime(ProcessorProperties properties, TopologySettings settings,
                                  ApplicationContext context, MeterRegistry registry) {
        return new StreamsRuntime(properties, settings,
                () -> new HostInfo(advertisedHost(properties), httpPort(context)), registry,
                reason -> FatalExit.exit(context, reason));
    }

    @Bean
    EntityStoreAccess entityStoreAccess(StreamsRuntime runtime, TopologySettings settings) {
        return new KafkaStreamsStoreAccess(runtime, settings.progress(), settings.topics().changes());
    }

    @Bean
    LookupService lookupService(EntityStoreAccess stores, ProcessorProperties properties,
                                InternalApiProperties internalApi) {
        return new LookupService(stores, new HttpRemoteLookup(internalApi.internalSecret()), properties.lookupHold());
    }

    @Bean
    SnapshotService snapshotService(EntityStoreAccess stores, ViewsFile views, ProcessorProperties properties,
                                    InternalApiProperties internalApi) {
        return new SnapshotService(stores, new GroupFactory(views), new HttpRemoteSnapshot(internalApi.internalSecret()),
                properties.lookupHold());
    }

    @Bean
    HealthIndicator kafkaStreamsReadiness(StreamsRuntime runtime, TopologySettings settings) {
        return StreamsHealthIndicators.readiness(runtime, settings.progress(), settings.topics().changes());
    }

    @Bean
    HealthIndicator kafkaStreamsLiveness(StreamsRuntime runtime) {
        return StreamsHealthIndicators.liveness(runtime);
    }

    private static String advertisedHost(ProcessorProperties properties) {
        if (properties.advertisedHost() != null) {
            return properties.advertisedHost();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            log.warn("Cannot resolve the local host name ({}); advertising localhost for lookups", e.getMessage());
            return "localhost";
        }
    }

    private static int httpPort(ApplicationContext context) {
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            return web.getWebServer().getPort();
        }
        throw new IllegalStateException("the processor needs its HTTP server to advertise lookups");
    }
}
