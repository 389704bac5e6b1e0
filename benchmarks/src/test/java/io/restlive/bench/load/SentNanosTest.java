package io.restlive.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SentNanosTest {

    @Test
    void shouldFindTheSendTimeInABroadcastFrame() {
        // given
        String frame = "{\"type\":\"broadcast\",\"id\":1,\"model\":\"bench.Item\",\"action\":\"UPDATED\","
                + "\"instance\":{\"id\":7,\"group\":7,\"sentNanos\":-123456789012,\"payload\":\"xx\"}}";

        // when / then
        assertThat(SentNanos.in(frame)).isEqualTo(-123456789012L);
        assertThat(SentNanos.in(frame.getBytes(StandardCharsets.UTF_8))).isEqualTo(-123456789012L);
    }

    @Test
    void shouldFindTheSendTimeInTheChangeTheHarnessPublishes() {
        // given
        BenchChange change = new BenchChange("bench.Item", 3, 3, 987654321L, "pad");

        // when / then
        assertThat(SentNanos.in(change.envelopeBytes())).isEqualTo(987654321L);
        assertThat(SentNanos.in(change.instanceJson())).isEqualTo(987654321L);
    }

    @Test
    void shouldSayNoneWhenTheFieldIsMissingOrEmpty() {
        assertThat(SentNanos.in("{\"type\":\"broadcast\"}")).isEqualTo(SentNanos.NONE);
        assertThat(SentNanos.in("{\"sentNanos\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(SentNanos.NONE);
    }
}
