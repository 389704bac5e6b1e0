package io.restlive.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** The compacted subscriptions topic keeps commands of older edges: they must still decode. */
class SubscriptionCommandEvolutionTest {

    @Test
    void shouldDecodeAJoinWrittenUnderTheFirstSchemaWithoutACatchUp() throws Exception {
        // given: a join as an edge of the first version wrote it
        Schema first;
        try (InputStream in = AvroCodecs.class.getResourceAsStream("history/SubscriptionCommand-1.avsc")) {
            first = new Schema.Parser().parse(in);
        }
        GenericRecord spec = new GenericData.Record(first.getField("spec").schema().getTypes().get(1));
        spec.put("view", "tasks");
        spec.put("model", "todolist.Task");
        spec.put("action", "retrieve");
        spec.put("targetPk", "1");
        spec.put("kwargs", "{}");
        spec.put("params", "{}");
        spec.put("user", "{}");
        GenericRecord join = new GenericData.Record(first);
        join.put("groupKey", "g1");
        join.put("edgeId", "edge-1");
        join.put("spec", spec);
        join.put("ts", 1_700_000_000_000L);
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), first).encode(join);

        // when
        SubscriptionCommand command = AvroCodecs.decodeCommand(toArray(bytes));

        // then
        assertThat(command.getGroupKey()).isEqualTo("g1");
        assertThat(command.getSpec().getTargetPk()).isEqualTo("1");
        assertThat(command.getTs()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(command.getCatchUp()).isNull();
    }

    @Test
    void shouldRoundTripAJoinWithACatchUpRequest() throws Exception {
        SubscriptionCommand join = SubscriptionCommand.newBuilder()
                .setGroupKey("g1").setEdgeId("edge-1#a").setTs(Instant.ofEpochMilli(5))
                .setSpec(GroupSpec.newBuilder().setView("tasks").setModel("todolist.Task").setAction("retrieve")
                        .setTargetPk("1").build())
                .setCatchUp(CatchUpRequest.newBuilder().setKey("g1~edge-1#a~7").setDigest("d")
                        .setDeletedPayload("{\"pk\":1,\"id\":1}").build())
                .build();

        assertThat(AvroCodecs.decodeCommand(AvroCodecs.encode(join))).isEqualTo(join);
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
