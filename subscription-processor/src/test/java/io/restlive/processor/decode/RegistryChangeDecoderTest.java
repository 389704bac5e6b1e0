package io.restlive.processor.decode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryChangeDecoderTest {

    @Test
    void shouldStopProcessingRatherThanDeadLetterWhenTheRegistryCannotBeReached() throws IOException {
        // given: a registry URL on which nothing listens
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RegistryChangeDecoder decoder = RegistryChangeDecoder.at("http://127.0.0.1:" + closedPort + "/apis/registry/v3",
                "changes", Map.of());
        // magic byte 0, schema id 7, then a body the registry would have to describe
        byte[] record = {0, 0, 0, 0, 7, 2, 4, 6};

        // when / then: not the record's fault, so it is not invalid (which would dead-letter it)
        assertThatThrownBy(() -> decoder.decode(record, 0L))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageStartingWith("the schema registry could not be reached to decode a change");
    }
}
