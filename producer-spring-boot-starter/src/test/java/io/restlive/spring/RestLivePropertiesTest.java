package io.restlive.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restlive.producer.Encoding;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RestLivePropertiesTest {

    @Test
    void shouldBindFromTheRestLiveEnvironmentVariables() {
        // given
        Map<String, Object> env = Map.of(
                "REST_LIVE_BOOTSTRAP_SERVERS", "kafka:9092",
                "REST_LIVE_TOPIC_PREFIX", "staging.",
                "REST_LIVE_MODE", "outbox",
                "REST_LIVE_OUTBOX_RELAY_START_DELAY", "1h");

        // when
        RestLiveProperties properties = bind(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));

        // then
        assertThat(properties.getBootstrapServers()).isEqualTo("kafka:9092");
        assertThat(properties.getTopicPrefix()).isEqualTo("staging.");
        assertThat(properties.getMode()).isEqualTo(PublishMode.OUTBOX);
        assertThat(properties.getOutbox().getRelayStartDelay()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldBindKebabCaseModesAndEncodings() {
        RestLiveProperties properties = bind(new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of(
                "rest-live.mode", "after-commit", "rest-live.encoding", "json")));

        assertThat(properties.getMode()).isEqualTo(PublishMode.AFTER_COMMIT);
        assertThat(properties.getEncoding()).isEqualTo(Encoding.JSON);
    }

    @Test
    void shouldDefaultToAfterCommitAvroOnTheLocalBroker() {
        RestLiveProperties properties = new RestLiveProperties();
        properties.validate();

        assertThat(properties.getMode()).isEqualTo(PublishMode.AFTER_COMMIT);
        assertThat(properties.getEncoding()).isEqualTo(Encoding.AVRO);
        assertThat(properties.getTopicPrefix()).isEqualTo("rest-live.");
    }

    @Test
    void shouldNameTheKeyWhenTheRegistryUrlIsMissing() {
        RestLiveProperties properties = new RestLiveProperties();
        properties.setEncoding(Encoding.AVRO_REGISTRY);

        assertThatThrownBy(properties::validate).hasMessageStartingWith("rest-live.registry-url");
    }

    @Test
    void shouldNameTheKeyOfAnInvalidTopicPrefix() {
        RestLiveProperties properties = new RestLiveProperties();
        properties.setTopicPrefix("bad prefix");

        assertThatThrownBy(properties::validate).hasMessageStartingWith("rest-live.topic-prefix");
    }

    @Test
    void shouldNotLogTheValuesOfExtraProducerProperties() {
        RestLiveProperties properties = new RestLiveProperties();
        properties.getProducer().put("sasl.jaas.config", "password=secret");

        assertThat(properties.toString()).contains("sasl.jaas.config").doesNotContain("secret");
    }

    private static RestLiveProperties bind(org.springframework.core.env.PropertySource<?> source) {
        StandardEnvironment environment = new StandardEnvironment();
        // Replacing the real source keeps its name, by which Boot applies the environment-variable mapping.
        String name = source instanceof SystemEnvironmentPropertySource
                ? StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME : StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME;
        environment.getPropertySources().replace(name, source);
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("rest-live", RestLiveProperties.class);
    }
}
