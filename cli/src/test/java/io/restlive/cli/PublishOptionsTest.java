package io.restlive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishOptionsTest {

    private static final String ENVELOPE = "{\"model\":\"todolist.Task\",\"pk\":1,\"instance\":{}}";

    @Test
    void shouldTakeInlineEnvelopeWithLocalDefaults() throws UsageException {
        PublishOptions options = PublishOptions.parse(List.of(ENVELOPE), Map.of());

        assertThat(options).isEqualTo(new PublishOptions(ENVELOPE, null, "127.0.0.1:9092", "rest-live."));
    }

    @Test
    void shouldTakeDefaultsFromEnvironment() throws UsageException {
        PublishOptions options = PublishOptions.parse(List.of(ENVELOPE),
                Map.of("REST_LIVE_BOOTSTRAP_SERVERS", "kafka:9092", "REST_LIVE_TOPIC_PREFIX", "staging."));

        assertThat(options.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(options.topicPrefix()).isEqualTo("staging.");
    }

    @Test
    void shouldPreferOptionsOverEnvironment() throws UsageException {
        PublishOptions options = PublishOptions.parse(
                List.of("--bootstrap-servers", "b:1", "--topic-prefix", "p.", ENVELOPE),
                Map.of("REST_LIVE_BOOTSTRAP_SERVERS", "kafka:9092"));

        assertThat(options.bootstrapServers()).isEqualTo("b:1");
        assertThat(options.topicPrefix()).isEqualTo("p.");
    }

    @Test
    void shouldReadFromFileOrStdin() throws UsageException {
        assertThat(PublishOptions.parse(List.of("--file", "change.json"), Map.of()).file()).isEqualTo("change.json");
        assertThat(PublishOptions.parse(List.of("-"), Map.of()).file()).isEqualTo("-");
        assertThat(PublishOptions.parse(List.of("--file", "-"), Map.of()).envelope()).isNull();
    }

    @Test
    void shouldRejectMissingOrDoubleEnvelope() {
        assertThatThrownBy(() -> PublishOptions.parse(List.of(), Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("expected one JSON change envelope");
        assertThatThrownBy(() -> PublishOptions.parse(List.of("--file", "f.json", ENVELOPE), Map.of()))
                .hasMessage("give the envelope either inline or with --file, not both");
    }

    @Test
    void shouldRejectInvalidTopicPrefix() {
        assertThatThrownBy(() -> PublishOptions.parse(List.of("--topic-prefix", "a b", ENVELOPE), Map.of()))
                .hasMessageContaining("may contain only letters, digits");
    }
}
