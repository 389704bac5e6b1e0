package io.restlive.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeEnvelopeEncodingTest {

    @Test
    void shouldRoundTripThroughSingleObjectEncodingWithoutARegistry() throws Exception {
        ChangeEnvelope change = ChangeEnvelope.newBuilder()
                .setModel("todolist.Task").setPk(1L).setOp(ChangeOp.UPSERT)
                .setInstance("{\"id\":1,\"text\":\"milk\",\"done\":false}")
                .setVersion(3L).setTs(Instant.ofEpochMilli(1_700_000_000_000L))
                .build();

        byte[] bytes = AvroCodecs.encode(change);

        assertThat(AvroCodecs.isSingleObjectEncoded(bytes)).isTrue();
        assertThat(AvroCodecs.decodeChange(bytes)).isEqualTo(change);
    }

    @Test
    void shouldRejectBytesThatAreNotAnEnvelope() {
        byte[] json = "{\"model\":\"todolist.Task\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(AvroCodecs.isSingleObjectEncoded(json)).isFalse();
        assertThatThrownBy(() -> AvroCodecs.decodeChange(json)).isInstanceOf(IOException.class);
    }
}
