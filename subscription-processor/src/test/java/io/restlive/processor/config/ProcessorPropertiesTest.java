package io.restlive.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ProcessorPropertiesTest {

    @Test
    void shouldBindEnvironmentVariablesAndDefaults() {
        // when
        ProcessorProperties properties = bind(Map.of("REST_LIVE_VIEWS", "/etc/views.yaml",
                "REST_LIVE_TOPIC_PREFIX", "staging.", "REST_LIVE_STREAM_THREADS", "2"));

        // then
        assertThat(properties.views()).isEqualTo(Path.of("/etc/views.yaml"));
        assertThat(properties.topicNames().changes()).isEqualTo("staging.changes");
        assertThat(properties.streamThreads()).isEqualTo(2);
        assertThat(properties.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(properties.applicationId()).isEqualTo("rest-live-processor");
        assertThat(properties.partitions()).isEqualTo(6);
        assertThat(properties.replication()).isEqualTo((short) 1);
        assertThat(properties.stateDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "rest-live-processor"));
        assertThat(properties.edgeTtl()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(properties.broadcastLinger()).isEqualTo(java.time.Duration.ofMillis(1));
    }

    @Test
    void shouldBindTheBroadcastLingerAndRefuseANegativeOrHugeOne() {
        assertThat(bind(Map.of("REST_LIVE_VIEWS", "v.yaml", "REST_LIVE_BROADCAST_LINGER", "0ms")).broadcastLinger())
                .isZero();
        assertThatThrownBy(() -> bind(Map.of("REST_LIVE_VIEWS", "v.yaml", "REST_LIVE_BROADCAST_LINGER", "-1ms")))
                .rootCause().hasMessageContaining("rest-live.broadcast-linger must be between 0ms and 1s");
        assertThatThrownBy(() -> bind(Map.of("REST_LIVE_VIEWS", "v.yaml", "REST_LIVE_BROADCAST_LINGER", "5s")))
                .rootCause().hasMessageContaining("rest-live.broadcast-linger must be between 0ms and 1s");
    }

    @Test
    void shouldBindTheEdgeTtlAndRefuseATinyOne() {
        assertThat(bind(Map.of("REST_LIVE_VIEWS", "v.yaml", "REST_LIVE_EDGE_TTL", "5s")).edgeTtl())
                .isEqualTo(java.time.Duration.ofSeconds(5));
        assertThatThrownBy(() -> bind(Map.of("REST_LIVE_VIEWS", "v.yaml", "REST_LIVE_EDGE_TTL", "10ms")))
                .rootCause().hasMessageContaining("rest-live.edge-ttl must be at least 1s");
    }

    @Test
    void shouldFailNamingTheKeyWhenTheViewsFileIsMissing() {
        assertThatThrownBy(() -> bind(Map.of()))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("rest-live.views is required").hasMessageContaining("REST_LIVE_VIEWS");
    }

    @Test
    void shouldFailNamingTheKeyOfAnInvalidValue() {
        assertThatThrownBy(() -> bind(Map.of("REST_LIVE_VIEWS", "v.yaml", "REST_LIVE_PARTITIONS", "0")))
                .rootCause().hasMessageContaining("rest-live.partitions must be at least 1");
        assertThatThrownBy(() -> bind(Map.of("REST_LIVE_VIEWS", "v.yaml", "REST_LIVE_TOPIC_PREFIX", "a b")))
                .rootCause().hasMessageContaining("rest-live.topic-prefix");
    }

    @Test
    void shouldBuildStreamsPropertiesFromTheSettings() {
        // given
        ProcessorProperties properties = bind(Map.of("REST_LIVE_VIEWS", "v.yaml", "REST_LIVE_APPLICATION_ID", "p1",
                "REST_LIVE_REPLICATION", "3"));

        // when
        Properties streams = StreamsPropertiesFactory.create(properties, new HostInfo("proc-0.proc", 8081));

        // then
        assertThat(streams).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "p1")
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "proc-0.proc:8081")
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    }

    @Test
    void shouldPassKafkaClientPropertiesThroughToStreamsUnderItsOwnSettings() {
        // given: the settings an operator gives for a TLS + SCRAM listener (and one that must not win)
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("config", Map.of(
                "rest-live.views", "v.yaml", "rest-live.application-id", "p1",
                "rest-live.kafka.security.protocol", "SASL_SSL", "rest-live.kafka.sasl.mechanism", "SCRAM-SHA-512",
                "rest-live.kafka.application.id", "not-this-one")));
        ProcessorProperties properties = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("rest-live", ProcessorProperties.class);

        // when
        Properties streams = StreamsPropertiesFactory.create(properties, new HostInfo("proc-0.proc", 8081));

        // then
        assertThat(streams).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "p1");
        assertThat(properties.describe()).contains("with [application.id, sasl.mechanism, security.protocol]");
    }

    private static ProcessorProperties bind(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-env", env));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("rest-live", ProcessorProperties.class);
    }
}
