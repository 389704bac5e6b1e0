package io.restlive.processor.topology;

import static io.restlive.processor.topology.TestViews.TASK;
import static io.restlive.processor.topology.TestViews.task;
import static io.restlive.schemas.BroadcastAction.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.views.LiveUser;
import io.restlive.processor.decode.DeadLetters;
import io.restlive.processor.topology.ProcessorHarness.Entry;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import io.restlive.schemas.ChangeOp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeEncodingsTest {

    @TempDir
    Path stateDir;
    private ProcessorHarness harness;
    private String open;

    @BeforeEach
    void joinOpenTasks() {
        harness = new ProcessorHarness(TestViews.YAML, stateDir);
        open = harness.joinList("open-tasks", "{}", LiveUser.ANONYMOUS, "edge-1");
        harness.drain();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldAcceptAvroAndJsonEnvelopesOnTheSameTopic() {
        // given
        byte[] avro = AvroCodecs.encode(ChangeEnvelope.newBuilder().setModel(TASK).setPk(1L).setOp(ChangeOp.UPSERT)
                .setInstance(task(1, "Avro", false)).setTs(Instant.ofEpochMilli(5)).build());

        // when
        harness.pipe(bytes("todolist.Task|1"), avro);
        harness.pipe(bytes("todolist.Task|\"b\""),
                bytes(" \n {\"model\":\"todolist.Task\",\"pk\":\"b\",\"instance\":" + task(2, "Json", false) + "}"));

        // then
        assertThat(harness.entries()).containsExactly(
                new Entry(open, CREATED, task(1, "Avro", false)),
                new Entry(open, CREATED, task(2, "Json", false)));
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void shouldKeyBroadcastsByTheEnvelopesEntityNotTheRecordKey() {
        // when
        harness.pipe(bytes("whatever"), bytes("{\"model\":\"todolist.Task\",\"pk\":\"x\",\"instance\":{\"done\":false}}"));

        // then
        assertThat(harness.broadcastRecords()).singleElement()
                .satisfies(record -> assertThat(record.key()).isEqualTo("todolist.Task|\"x\""));
    }

    @Test
    void shouldDeadLetterPoisonRecordsAndKeepProcessingTheGoodOnes() {
        // given
        byte[] random = new byte[64];
        new Random(42).nextBytes(random);
        random[0] = 0x7f;
        List<byte[]> poison = List.of(
                random,
                bytes("{\"model\": \"todolist.Task\", \"pk\": "),
                bytes("{\"model\":\"todolist.Task\",\"pk\":1,\"op\":\"UPSERT\"}"),
                bytes("{\"model\":\"todolist.Task\",\"pk\":1.5,\"instance\":{}}"),
                bytes("{\"model\":\" \",\"pk\":1,\"instance\":{}}"),
                bytes("{\"model\":\"todolist.Task\",\"pk\":1,\"op\":\"MERGE\",\"instance\":{}}"),
                bytes("{\"model\":\"todolist.Task\",\"pk\":1,\"instance\":\"[1,2]\"}"),
                new byte[] {0, 0, 0, 0, 1, 2, 3},
                new byte[] {(byte) 0xC3, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});

        // when
        for (byte[] value : poison) {
            harness.pipe(bytes("k"), value);
        }
        harness.upsert(TASK, 1, task(1, "Milk", false), null);

        // then
        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).hasSize(poison.size());
        for (int i = 0; i < poison.size(); i++) {
            assertThat(dead.get(i).value()).isEqualTo(poison.get(i));
            assertThat(dead.get(i).key()).isEqualTo(bytes("k"));
            Headers headers = dead.get(i).headers();
            assertThat(header(headers, DeadLetters.TOPIC)).isEqualTo("rest-live.changes");
            assertThat(header(headers, DeadLetters.PARTITION)).isEqualTo("0");
            assertThat(header(headers, DeadLetters.OFFSET)).isEqualTo(Integer.toString(i));
            assertThat(header(headers, DeadLetters.REASON)).isNotBlank();
        }
        assertThat(header(dead.get(0).headers(), DeadLetters.REASON)).startsWith("unsupported encoding");
        assertThat(header(dead.get(1).headers(), DeadLetters.REASON)).startsWith("not valid JSON");
        assertThat(header(dead.get(2).headers(), DeadLetters.REASON)).contains("UPSERT without");
        assertThat(header(dead.get(7).headers(), DeadLetters.REASON)).contains("magic byte 0x00");
        assertThat(harness.entries()).containsExactly(new Entry(open, CREATED, task(1, "Milk", false)));
        assertThat(harness.metrics().deadLetters()).isEqualTo(poison.size());
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
