package io.restlive.edge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Kafka client properties pass through from the app's configuration ({@code rest-live.kafka.*}; the environment's
 * {@code REST_LIVE_KAFKA_*} are read by {@code KafkaClients.passedThrough}), and never show in the settings log.
 */
class KafkaPropertiesBindingTest {

    @Test
    void shouldPassKafkaClientPropertiesThroughAndNeverLogTheirValues() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("config", Map.of(
                "rest-live.views", "views.yaml",
                "rest-live.kafka.security.protocol", "SASL_SSL",
                "rest-live.kafka.sasl.mechanism", "SCRAM-SHA-512",
                "rest-live.kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"edge\" password=\"s3cret\";")));

        EdgeProperties properties = Binder.get(environment).bind("rest-live", EdgeProperties.class).get();

        assertThat(properties.kafkaClients().config(Map.of())).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .hasEntrySatisfying("sasl.jaas.config", value -> assertThat(value.toString()).contains("s3cret"));
        assertThat(properties.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
    }
}
