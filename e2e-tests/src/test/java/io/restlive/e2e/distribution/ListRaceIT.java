package io.restlive.e2e.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.cli.stack.StackProcess;
import io.restlive.e2e.support.Signals;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A list subscriber is live from the moment its subscribe arrives, even when its group goes live later: the
 * changes the processor applies in between (a create, an update, a move out of the list, a real delete) all
 * reach it, in order, once, followed by the live ones.
 *
 * <p>The window is widened from outside the product: the processor is frozen (SIGSTOP) while the edge accepts
 * the subscribe and the changes are published, the changes with timestamps older than the join's, so that
 * when it runs again (SIGCONT) its task applies them before the join, as a slow join would have it.
 */
class ListRaceIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1);

    private static final int LIST = 77;

    @Test
    void shouldDeliverEveryChangeAppliedBetweenTheSubscribeAndItsGroupGoingLive() throws Exception {
        try (KafkaProducer<String, String> producer = producer(); WsClient client = STACK.connect(1);
             WsClient witness = STACK.connect(1)) {
            // given: tasks 2 and 3 in the list already, and the edge has read their changes (a witness of the
            // list, in a group of its own, got them), so the subscriber's cut comes after them
            witness.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":\"w\",\"model\":\"todolist.Task\","
                    + "\"action\":\"list\",\"view_kwargs\":{\"list\":" + LIST + "},\"query_params\":{\"witness\":\"1\"}}",
                    () -> publishQuietly(producer, 2, task(2, "will move", LIST)));
            publish(producer, 3, task(3, "will be deleted", LIST), System.currentTimeMillis());
            witness.awaitFrame(f -> "will be deleted".equals(text(f)));
            StackProcess processor = STACK.stack().processes().stream().filter(p -> p.name().equals("processor"))
                    .findFirst().orElseThrow();

            // when: the processor is frozen, the subscribe arrives and four changes are published before its join
            Signals.pause(processor.pid());
            long before;
            try {
                client.send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\","
                        + "\"view_kwargs\":{\"list\":" + LIST + "}}");
                syncWithEdge(client);
                before = System.currentTimeMillis() - 60_000;
                publish(producer, 1, task(1, "created", LIST), before);
                publish(producer, 1, task(1, "updated", LIST), before + 1);
                publish(producer, 2, task(2, "will move", LIST + 1), before + 2);
                publish(producer, 3, null, before + 3);
            } finally {
                Signals.resume(processor.pid());
            }
            // and a live change after the group went live
            publish(producer, 1, task(1, "live", LIST), System.currentTimeMillis() + 1_000);

            // then
            client.awaitFrame(f -> "live".equals(text(f)));
            List<String> frames = client.frames().stream().filter(f -> "broadcast".equals(f.get("type").asString()))
                    .map(f -> f.get("action").asString() + " " + f.get("instance").get("id").asLong() + " " + text(f))
                    .toList();
            assertThat(frames.stream().filter(f -> f.contains(" 1 ")).toList())
                    .containsExactly("CREATED 1 created", "UPDATED 1 updated", "UPDATED 1 live");
            assertThat(frames.stream().filter(f -> f.contains(" 2 ")).toList()).containsExactly("DELETED 2 null");
            assertThat(frames.stream().filter(f -> f.contains(" 3 ")).toList()).containsExactly("DELETED 3 null");
            assertThat(frames).hasSize(5);
        }
    }

    /** Waits until the edge handled what was sent so far: its messages are handled in order. */
    private static void syncWithEdge(WsClient client) {
        client.send("{\"type\":\"unsubscribe\",\"id\":\"sync\"}");
        client.awaitFrame(f -> "error".equals(f.get("type").asString()) && "sync".equals(f.get("id").asString()));
    }

    private static void publishQuietly(KafkaProducer<String, String> producer, long id, String instance) {
        try {
            publish(producer, id, instance, System.currentTimeMillis());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a broadcast's instance ({@code null} for a DELETED, whose payload has none), or "" for another frame. */
    private static String text(JsonNode frame) {
        if (!"broadcast".equals(frame.get("type").asString())) {
            return "";
        }
        JsonNode text = frame.get("instance").get("text");
        return text == null ? "null" : text.asString();
    }

    private static void publish(KafkaProducer<String, String> producer, long id, String instance, long timestamp)
            throws Exception {
        String envelope = instance == null
                ? "{\"model\":\"todolist.Task\",\"pk\":" + id + ",\"op\":\"DELETE\"}"
                : "{\"model\":\"todolist.Task\",\"pk\":" + id + ",\"op\":\"UPSERT\",\"instance\":" + instance + "}";
        producer.send(new ProducerRecord<>(STACK.stack().topicPrefix() + "changes", null, timestamp,
                "todolist.Task|" + id, envelope)).get(30, TimeUnit.SECONDS);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static String task(long id, String text, int list) {
        return "{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":false,\"list\":" + list + "}";
    }
}
