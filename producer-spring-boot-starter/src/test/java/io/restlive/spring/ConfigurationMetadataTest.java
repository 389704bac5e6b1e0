package io.restlive.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** IDEs complete {@code rest-live.*} from the metadata the configuration processor writes. */
class ConfigurationMetadataTest {

    @Test
    void shouldDescribeEveryPropertyForIdeCompletion() throws Exception {
        // given
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the generated metadata").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }

        // then
        assertThat(metadata.get("properties").valueStream().map(p -> p.get("name").asString()))
                .contains("rest-live.bootstrap-servers", "rest-live.topic-prefix", "rest-live.encoding",
                        "rest-live.registry-url", "rest-live.mode", "rest-live.outbox.relay-start-delay");
        assertThat(metadata.get("properties").valueStream())
                .allSatisfy(property -> assertThat(property.path("description").asString())
                        .as("description of " + property.get("name").asString()).isNotBlank());
    }
}
