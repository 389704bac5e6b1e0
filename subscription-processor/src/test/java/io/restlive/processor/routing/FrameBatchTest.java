package io.restlive.processor.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.TaskPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameBatchTest {

    private final FrameBatch batch = new FrameBatch(new TaskPosition(2, 7, 40L), "m.M|1", "m.M", "1", 5, 4_096);

    @Test
    void shouldWriteEachDistinctPayloadOncePerSlotRecord() {
        // when
        batch.add(0, "g1", BroadcastAction.CREATED, "{\"a\":1}", 7, null);
        batch.add(0, "g2", BroadcastAction.CREATED, "{\"a\":1}", 7, null);
        batch.add(0, "g3", BroadcastAction.UPDATED, "{\"a\":2}", 7, "edge#x");
        batch.add(3, "g1", BroadcastAction.CREATED, "{\"a\":1}", 7, null);

        // then
        List<SlotRecord> records = batch.records();
        assertThat(records).extracting(SlotRecord::slot).containsExactly(0, 3);
        assertThat(records.get(0).body().getChange().getPayloads()).containsExactly("{\"a\":1}", "{\"a\":2}");
        assertThat(records.get(0).body().getChange().getEntries()).extracting(e -> e.getPayload())
                .containsExactly(0, 0, 1);
        assertThat(records.get(0).body().getChange().getEntries().get(2).getTarget()).isEqualTo("edge#x");
        assertThat(records).allSatisfy(r -> assertThat(r.body().getPosition().getSeq()).isEqualTo(40L));
    }

    @Test
    void shouldSplitASlotsEntriesIntoPartsWithinTheBudget() {
        // when: 10 distinct payloads of 1 KB, a budget of 4 KB
        for (int i = 0; i < 10; i++) {
            String payload = "\"" + Character.toString('a' + i).repeat(1_000) + "\"";
            batch.add(0, "g" + i, BroadcastAction.CREATED, payload, FrameBatch.size(payload), null);
        }

        // then
        List<SlotRecord> records = batch.records();
        assertThat(records).hasSizeGreaterThan(2);
        assertThat(records).extracting(r -> r.body().getChange().getPart())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, records.size()).boxed().toList());
        assertThat(records).extracting(r -> r.body().getChange().getLast())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, records.size())
                        .mapToObj(i -> i == records.size() - 1).toList());
        assertThat(records).flatExtracting(r -> r.body().getChange().getEntries()).hasSize(10);
    }

    @Test
    void shouldCountUtf8BytesWithoutEncoding() {
        assertThat(FrameBatch.size("aé€😀")).isEqualTo("aé€😀".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
