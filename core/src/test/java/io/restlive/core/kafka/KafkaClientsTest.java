package io.restlive.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private final KafkaClients clients = new KafkaClients("kafka:9093", Map.of(
            "security.protocol", "SASL_SSL", "sasl.jaas.config", "secret-jaas", "acks", "0"));

    @Test
    void shouldPassPropertiesThroughUnderTheAppsOwnSettings() {
        Map<String, Object> config = clients.config(Map.of("acks", "all"));

        assertThat(config).containsEntry("bootstrap.servers", "kafka:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "secret-jaas").containsEntry("acks", "all");
    }

    @Test
    void shouldNeverDescribeAPropertysValue() {
        assertThat(clients.describe()).isEqualTo("kafka:9093 with [acks, sasl.jaas.config, security.protocol]")
                .doesNotContain("secret-jaas");
    }

    @Test
    void shouldTakePropertiesFromTheEnvironmentAndTheConfigurationOverIt() {
        Map<String, String> properties = KafkaClients.passedThrough(Map.of(
                "REST_LIVE_KAFKA_SECURITY_PROTOCOL", "SSL", "REST_LIVE_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "REST_LIVE_BOOTSTRAP_SERVERS", "elsewhere:9092", "REST_LIVE_KAFKA_", "nothing"),
                Map.of("security.protocol", "SASL_SSL"));

        assertThat(properties).containsOnly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("ssl.truststore.type", "PEM"));
    }
}
