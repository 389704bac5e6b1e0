package io.restlive.edge.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.schemas.EdgeHeartbeat;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotChooserTest {

    private static final long NOW = 1_000_000;

    @Test
    void shouldPickTheSlotTheFewestLiveSessionsRead() {
        List<EdgeHeartbeat> beats = List.of(beat("a", 0, NOW), beat("b", 1, NOW), beat("c", 1, NOW), beat("d", 2, NOW));

        assertThat(SlotChooser.choose(beats, 4, NOW, new Random(1))).isEqualTo(3);
        assertThat(SlotChooser.choose(beats, 3, NOW, new Random(1))).isIn(0, 2);
    }

    @Test
    void shouldIgnoreSessionsThatStoppedBeatingAndHeartbeatsWithoutASlot() {
        List<EdgeHeartbeat> beats = List.of(beat("dead", 0, NOW - 40_000), beat("old-edge", null, NOW),
                beat("live", 1, NOW));

        assertThat(SlotChooser.choose(beats, 2, NOW, new Random(1))).isZero();
    }

    @Test
    void shouldSpreadEdgesThatStartTogetherOverTheFreeSlots() {
        assertThat(java.util.stream.LongStream.range(1, 50)
                .map(seed -> SlotChooser.choose(List.of(), 8, NOW, new Random(seed * 0x9E3779B97F4A7C15L)))
                .distinct().count()).isGreaterThan(4);
    }

    private static EdgeHeartbeat beat(String session, Integer slot, long at) {
        return EdgeHeartbeat.newBuilder().setSession(session).setIntervalMs(10_000).setTs(Instant.ofEpochMilli(at))
                .setSlot(slot).build();
    }
}
