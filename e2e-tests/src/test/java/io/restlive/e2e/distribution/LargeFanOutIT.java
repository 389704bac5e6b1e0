package io.restlive.e2e.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.json.Json;
import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.ViewsFile;
import io.restlive.e2e.support.ProcessorEndpoints;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No client can make a record too large: one large instance shown by many groups, and one change that affects
 * 20,000 groups, both reach every subscriber; an instance larger than the frame limit is dead-lettered and the
 * next change is delivered; the processor never stops.
 */
class LargeFanOutIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1);

    private static final int MANY_GROUPS = 20_000;

    @Test
    void shouldDeliverALargeInstanceToEightGroupsOfOneConnection() {
        try (WsClient client = STACK.connect(1)) {
            // given: one connection, eight list subscriptions that differ only in query params
            for (int i = 0; i < 8; i++) {
                client.send("{\"type\":\"subscribe\",\"id\":" + i + ",\"model\":\"todolist.Task\",\"action\":\"list\","
                        + "\"view_kwargs\":{\"list\":81},\"query_params\":{\"page\":\"" + i + "\"}}");
            }
            sync(client);

            // when: a change with a 200 KB field (1.6 MB if the record carried it once per group)
            String big = "x".repeat(200 * 1024);
            STACK.changes().upsert("todolist.Task", 8100, task(8100, big, 81));

            // then: every subscription gets it
            await("eight frames").atMost(WsClient.FRAME_TIMEOUT).until(() -> client.frames().stream()
                    .filter(f -> "broadcast".equals(f.get("type").asString())).count() == 8);
            assertThat(client.frames()).filteredOn(f -> "broadcast".equals(f.get("type").asString()))
                    .allSatisfy(f -> assertThat(f.get("instance").get("text").asString()).hasSize(200 * 1024));
        }
        assertStillRunning();
    }

    @Test
    void shouldDeliverAChangeAffecting20000Groups() throws Exception {
        // given: 20,000 groups of one list, announced as an edge of slot 0 would (far more subscriptions than one
        // test's sockets should hold), and one real subscriber among them on the edge
        ViewsFile views = ViewsFile.load(STACK.stack().viewsFile());
        int partitions = partitionsOfChanges();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20), new ByteArraySerializer(), new ByteArraySerializer());
             WsClient client = STACK.connect(1)) {
            SubscriptionRecords records = new SubscriptionRecords(STACK.stack().topicPrefix() + "subscriptions", partitions);
            for (int i = 0; i < MANY_GROUPS; i++) {
                GroupSpec spec = GroupSpecs.spec(views.view("tasks").orElseThrow(), "list", null,
                        Json.parseObject("{\"list\":82}"), Json.parseObject("{\"n\":[\"" + i + "\"]}"), LiveUser.ANONYMOUS);
                for (var record : records.join(SubscriptionCommand.newBuilder().setGroupKey(GroupSpecs.key(spec))
                        .setEdgeId("fanout-it").setSpec(spec).setTs(Instant.now()).setSlot(0).build())) {
                    producer.send(record);
                }
            }
            producer.flush();
            client.send("{\"type\":\"subscribe\",\"id\":\"real\",\"model\":\"todolist.Task\",\"action\":\"list\","
                    + "\"view_kwargs\":{\"list\":82}}");
            sync(client);
            await("the processor to know the groups").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> ProcessorEndpoints.of(STACK.stack()).liveGroups() >= MANY_GROUPS);

            // when
            STACK.changes().upsert("todolist.Task", 8200, task(8200, "for everyone", 82));

            // then: the real subscriber gets its frame, and slot 0 got an entry for every group, in several records
            client.awaitFrame(f -> "broadcast".equals(f.get("type").asString())
                    && f.get("instance").get("id").asLong() == 8200);
            assertThat(entriesOnSlot0For("todolist.Task", "8200")).isGreaterThanOrEqualTo(MANY_GROUPS);
        }
        assertStillRunning();
    }

    @Test
    void shouldDeadLetterAnUndeliverableInstanceAndDeliverTheNextChange() throws Exception {
        try (WsClient client = STACK.connect(1)) {
            client.send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\","
                    + "\"view_kwargs\":{\"list\":83}}");
            sync(client);

            // when: an instance above the 512 KB frame limit, then an ordinary change
            STACK.changes().upsert("todolist.Task", 8300, task(8300, "y".repeat(600 * 1024), 83));
            STACK.changes().upsert("todolist.Task", 8301, task(8301, "small", 83));

            // then
            client.awaitFrame(f -> "broadcast".equals(f.get("type").asString())
                    && f.get("instance").get("id").asLong() == 8301);
            assertThat(client.frames()).noneMatch(f -> f.has("instance") && f.get("instance").get("id").asLong() == 8300);
            assertThat(deadLetterKinds()).contains("frame-too-large");
        }
        assertStillRunning();
    }

    private static void assertStillRunning() {
        ProcessorEndpoints processor = ProcessorEndpoints.of(STACK.stack());
        assertThat(processor.status("/actuator/health/readiness")).isEqualTo(200);
        assertThat(processor.status("/actuator/health/liveness")).isEqualTo(200);
        assertThat(STACK.stack().processes().stream().filter(p -> p.name().equals("processor")))
                .allSatisfy(p -> assertThat(p.isAlive()).isTrue());
    }

    private static void sync(WsClient client) {
        client.send("{\"type\":\"unsubscribe\",\"id\":\"sync\"}");
        client.awaitFrame(f -> "error".equals(f.get("type").asString()) && "sync".equals(f.get("id").asString()));
        client.clear();
    }

    private static int partitionsOfChanges() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.partitionsFor(STACK.stack().topicPrefix() + "changes").size();
        }
    }

    /** The entries slot 0 received for one change, across its parts. */
    private static long entriesOnSlot0For(String model, String pk) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition slot = new TopicPartition(STACK.stack().topicPrefix() + "broadcasts", 0);
            consumer.assign(List.of(slot));
            consumer.seekToBeginning(List.of(slot));
            long end = consumer.endOffsets(List.of(slot)).get(slot);
            long entries = 0;
            while (consumer.position(slot) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    EdgeBroadcast broadcast = AvroCodecs.decodeBroadcast(record.value());
                    if (broadcast.getChange() != null && broadcast.getChange().getModel().equals(model)
                            && broadcast.getChange().getPk().equals(pk)) {
                        entries += broadcast.getChange().getEntries().size();
                        assertThat(record.value().length).isLessThan(1024 * 1024);
                    }
                }
            }
            return entries;
        }
    }

    private static List<String> deadLetterKinds() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition letters = new TopicPartition(STACK.stack().topicPrefix() + "dead-letters", 0);
            consumer.assign(List.of(letters));
            consumer.seekToBeginning(List.of(letters));
            return await("a dead letter").atMost(WsClient.FRAME_TIMEOUT).until(() -> {
                List<String> kinds = new java.util.ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    kinds.add(new String(record.headers().lastHeader("rest-live.dlt.kind").value(), StandardCharsets.UTF_8));
                }
                return kinds;
            }, kinds -> !kinds.isEmpty());
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().bootstrapServers(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String task(long id, String text, int list) {
        return "{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":false,\"list\":" + list + "}";
    }
}
