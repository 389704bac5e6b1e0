package io.restlive.e2e.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.e2e.support.Crc32Partitioner;
import io.restlive.e2e.support.NodeBackend;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Any producer, any partitioner: backends that key and partition their records otherwise than Java's
 * producer with the canonical key (librdkafka's CRC32, round robin with no key, a key of another shape, a
 * random key, kafkajs's legacy partitioner) get exactly the frames a canonical producer gets, for a list
 * subscriber and for retrieve subscribers, over 200 changes each (creates, updates, moves out and back,
 * deletes), and never a DELETED for a task that exists. Each round of changes is published once the previous
 * one was delivered: a producer's changes of one entity on different partitions have no order between them
 * (docs/publishing.md), so a test of routing must not depend on one.
 */
class AnyProducerIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(2);

    private static final int TASKS = 40;
    private static final int RETRIEVED = 5;
    private static final String TOPIC_SUFFIX = "changes";

    @Test
    void shouldDeliverTheCanonicalFramesWithJavasPartitionerAndTheCanonicalKey() throws Exception {
        runScript(10, java(Map.of(), id -> "todolist.Task|" + id));
    }

    @Test
    void shouldDeliverTheCanonicalFramesWithLibrdkafkasCrc32Partitioner() throws Exception {
        runScript(11, java(Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class.getName()),
                id -> "todolist.Task|" + id));
    }

    @Test
    void shouldDeliverTheCanonicalFramesWithRoundRobinAndNoKey() throws Exception {
        runScript(12, java(Map.of(ProducerConfig.PARTITIONER_CLASS_CONFIG, RoundRobinPartitioner.class.getName()),
                id -> null));
    }

    @Test
    void shouldDeliverTheCanonicalFramesWithAKeyOfAnotherShape() throws Exception {
        runScript(13, java(Map.of(), id -> "todolist.Task:" + id));
    }

    @Test
    void shouldDeliverTheCanonicalFramesWithARandomKey() throws Exception {
        runScript(14, java(Map.of(), id -> UUID.randomUUID().toString()));
    }

    @Test
    void shouldDeliverTheCanonicalFramesFromKafkajsWithItsLegacyPartitioner() throws Exception {
        try (NodeBackend node = NodeBackend.start(STACK.stack(), Map.of("KAFKA_PARTITIONER", "legacy",
                "FIRST_ID", "150000"))) {
            runScript(15, (id, round, instance) -> {
                switch (round) {
                    // The backend numbers its tasks from FIRST_ID, in creation order: the script's ids.
                    case 1 -> assertThat(node.api().create("/api/tasks/", instance).get("id").asLong()).isEqualTo(id);
                    case 5 -> node.api().delete("/api/tasks/" + id + "/");
                    default -> node.api().patch("/api/tasks/" + id + "/", instance);
                }
            });
        }
    }

    /** Publishes one round of the script for one task. */
    @FunctionalInterface
    interface Publisher {
        void publish(long id, int round, String instance) throws Exception;
    }

    private static Publisher java(Map<String, Object> settings, LongFunction<String> key) {
        Map<String, Object> config = new LinkedHashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(settings);
        KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        String topic = STACK.stack().topicPrefix() + TOPIC_SUFFIX;
        return (id, round, instance) -> {
            String envelope = instance == null
                    ? "{\"model\":\"todolist.Task\",\"pk\":" + id + ",\"op\":\"DELETE\"}"
                    : "{\"model\":\"todolist.Task\",\"pk\":" + id + ",\"op\":\"UPSERT\",\"instance\":" + instance + "}";
            producer.send(new ProducerRecord<>(topic, key.apply(id), envelope)).get(30, TimeUnit.SECONDS);
        };
    }

    /** Runs the script for {@value #TASKS} tasks and checks what a list and the retrieve subscribers got. */
    private static void runScript(int kind, Publisher publisher) throws Exception {
        TaskScript script = new TaskScript(kind * 10, kind * 10 + 5);
        long first = kind * 10_000L;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            ids.add(first + i);
        }
        try (WsClient list = STACK.connect(1); WsClient retrieve = STACK.connect(2)) {
            accepted(list.send("{\"type\":\"subscribe\",\"id\":\"list\",\"model\":\"todolist.Task\",\"action\":\"list\","
                    + "\"view_kwargs\":{\"list\":" + script.list() + "}}"));
            for (int round = 1; round <= TaskScript.ROUNDS; round++) {
                for (long id : ids) {
                    publisher.publish(id, round, script.instance(id, round));
                }
                int expected = TASKS * round;
                await("round " + round + " delivered to the list subscriber").atMost(WsClient.FRAME_TIMEOUT)
                        .until(() -> list.frames().stream().filter(AnyProducerIT::isBroadcast).count() >= expected);
                if (round == 1) {
                    for (long id : ids.subList(0, RETRIEVED)) {
                        retrieve.send("{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"todolist.Task\","
                                + "\"action\":\"retrieve\",\"lookup_by\":" + id + "}");
                    }
                    accepted(retrieve);
                }
            }
            await("the retrieve subscribers' last frames").atMost(WsClient.FRAME_TIMEOUT).until(() -> retrieve.frames()
                    .stream().filter(f -> isBroadcast(f) && "DELETED".equals(f.get("action").asString())).count() == RETRIEVED);

            Map<Long, List<String>> listed = byTask(list.frames());
            assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            listed.forEach((id, frames) -> assertThat(frames).as("task " + id + " as its list saw it")
                    .containsExactlyElementsOf(script.listFrames()));
            Map<Long, List<String>> retrieved = byTask(retrieve.frames());
            assertThat(retrieved.keySet()).containsExactlyInAnyOrderElementsOf(ids.subList(0, RETRIEVED));
            retrieved.forEach((id, frames) -> {
                // The state stored just before the subscribe arrived may come first (see docs/protocol.md).
                List<String> after = frames.isEmpty() || !frames.get(0).equals("CREATED t1") ? frames
                        : frames.subList(1, frames.size());
                assertThat(after).as("task " + id + " as its retrieve subscriber saw it")
                        .containsExactlyElementsOf(script.retrieveFramesAfterRound1());
            });
        }
    }

    /** Waits until the edge handled everything sent on the connection so far (its messages are handled in order). */
    private static void accepted(WsClient client) {
        client.send("{\"type\":\"unsubscribe\",\"id\":\"sync\"}");
        client.awaitFrame(f -> "error".equals(f.get("type").asString()) && "sync".equals(f.get("id").asString()));
    }

    private static boolean isBroadcast(JsonNode frame) {
        return "broadcast".equals(frame.get("type").asString());
    }

    /** {@code "<action> <text>"} (or {@code DELETED}) per task, in the order they came. */
    private static Map<Long, List<String>> byTask(List<JsonNode> frames) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        for (JsonNode frame : frames) {
            if (!isBroadcast(frame)) {
                continue;
            }
            JsonNode instance = frame.get("instance");
            String action = frame.get("action").asString();
            String text = action.equals("DELETED") ? action : action + " " + instance.get("text").asString();
            out.computeIfAbsent(instance.get("id").asLong(), id -> new ArrayList<>()).add(text);
        }
        return out;
    }
}
