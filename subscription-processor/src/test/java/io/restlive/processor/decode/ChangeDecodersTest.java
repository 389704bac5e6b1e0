package io.restlive.processor.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restlive.core.json.Json;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import io.restlive.schemas.ChangeOp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeDecodersTest {

    private final ChangeDecoders decoders = ChangeDecoders.standard();

    @Test
    void shouldDefaultTheJsonEnvelopesOpVersionAndTimestamp() throws Exception {
        // when
        ChangeEvent change = decode("{\"model\":\"todolist.Task\",\"pk\":\"a\",\"instance\":{\"id\":\"a\"},\"extra\":1}");

        // then
        assertThat(change).usingRecursiveComparison().ignoringFields("raw").isEqualTo(new ChangeEvent("todolist.Task", Json.NODES.stringNode("a"), "todolist.Task|\"a\"",
                ChangeOp.UPSERT, Json.parseObject("{\"id\":\"a\"}"), null, 99L, null));
    }

    @Test
    void shouldReadEveryFieldOfTheJsonEnvelope() throws Exception {
        // when
        ChangeEvent change = decode("{\"model\":\"todolist.Task\",\"pk\":1,\"op\":\"DELETE\",\"version\":4,\"ts\":7}");

        // then
        assertThat(change.op()).isEqualTo(ChangeOp.DELETE);
        assertThat(change.instance()).isNull();
        assertThat(change.version()).isEqualTo(4L);
        assertThat(change.ts()).isEqualTo(7L);
        assertThat(change.entityKey()).isEqualTo("todolist.Task|1");
    }

    @Test
    void shouldAcceptAnInstanceGivenAsJsonObjectText() throws Exception {
        assertThat(decode("{\"model\":\"a.B\",\"pk\":1,\"instance\":\"{\\\"x\\\":1}\"}").instance())
                .isEqualTo(Json.parseObject("{\"x\":1}"));
    }

    @Test
    void shouldDecodeTheAvroEnvelope() throws Exception {
        // given
        byte[] avro = AvroCodecs.encode(ChangeEnvelope.newBuilder().setModel("todolist.Tag").setPk("urgent")
                .setOp(ChangeOp.UPSERT).setInstance("{\"name\":\"urgent\"}").setVersion(3L)
                .setTs(Instant.ofEpochMilli(12)).build());

        // when
        ChangeEvent change = decoders.decode(avro, 99L);

        // then
        assertThat(change).usingRecursiveComparison().ignoringFields("raw").isEqualTo(new ChangeEvent("todolist.Tag", Json.NODES.stringNode("urgent"),
                "todolist.Tag|\"urgent\"", ChangeOp.UPSERT, Json.parseObject("{\"name\":\"urgent\"}"), 3L, 12L, null));
    }

    @Test
    void shouldRejectMalformedEnvelopesWithAReason() {
        assertThatThrownBy(() -> decode("{\"pk\":1,\"instance\":{}}")).hasMessageContaining("'model'");
        assertThatThrownBy(() -> decode("{\"model\":\"a.B\",\"pk\":true,\"instance\":{}}")).hasMessageContaining("'pk'");
        assertThatThrownBy(() -> decode("{\"model\":\"a.B\",\"pk\":1,\"instance\":{},\"version\":\"2\"}"))
                .hasMessageContaining("'version'");
        assertThatThrownBy(() -> decode("[1]")).hasMessageContaining("unsupported encoding");
        assertThatThrownBy(() -> decode("{\"model\":\"a.B\",\"pk\":1,\"op\":\"upsert\",\"instance\":{}}"))
                .hasMessageContaining("unknown 'op' \"upsert\"").hasMessageContaining("upper case");
        assertThatThrownBy(() -> decoders.decode(null, 0)).hasMessageContaining("null value");
        assertThatThrownBy(() -> decoders.decode(new byte[0], 0)).hasMessageContaining("empty value");
    }

    private ChangeEvent decode(String json) throws InvalidChangeException {
        return decoders.decode(json.getBytes(StandardCharsets.UTF_8), 99L);
    }
}
