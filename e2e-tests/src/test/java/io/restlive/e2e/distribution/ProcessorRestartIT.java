package io.restlive.e2e.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.cli.stack.StackProcess;
import io.restlive.e2e.support.ProcessorEndpoints;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * No false answers while the processor starts: retrieve subscribes of existing tasks made while the processor
 * restarts, with 10,000 tasks stored, are answered once it is ready (the edge holds them up to its lookup
 * timeout, the processor until it caught up with its backlog), never with 404 or a DELETED.
 */
class ProcessorRestartIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1, builder -> builder
            .edgeEnv("REST_LIVE_LOOKUP_TIMEOUT", "90s"));

    private static final int TASKS = 10_000;
    private static final int SUBSCRIBERS = 6;

    @Test
    void shouldAnswerEveryRetrieveSubscribeMadeDuringARestartCorrectly() throws Exception {
        // given: 10,000 tasks stored
        publishTasks();
        ProcessorEndpoints processor = ProcessorEndpoints.of(STACK.stack());
        await("the tasks to be stored").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> processor.value("restlive.processor.changes") >= TASKS);

        // when: the processor restarts while clients keep subscribing to tasks that exist
        AtomicBoolean restarting = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<CompletableFuture<List<String>>> subscribers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            subscribers.add(CompletableFuture.supplyAsync(() -> subscribeWhile(restarting, answered)));
        }
        StackProcess old = STACK.stack().processes().stream().filter(p -> p.name().equals("processor"))
                .findFirst().orElseThrow();
        ProcessHandle.of(old.pid()).ifPresent(ProcessHandle::destroy);
        old.onExit().get(60, TimeUnit.SECONDS);
        STACK.stack().startProcessor(1);
        await("subscribes answered after the restart").atMost(Duration.ofMinutes(2)).until(() -> answered.get() >= 30);
        restarting.set(false);

        // then: every subscribe was answered correctly: silently, or with frames of the task as it is
        List<String> wrong = new ArrayList<>();
        for (CompletableFuture<List<String>> subscriber : subscribers) {
            wrong.addAll(subscriber.get(3, TimeUnit.MINUTES));
        }
        assertThat(wrong).as("error frames and DELETEDs for tasks that exist").isEmpty();
        assertThat(answered.get()).isGreaterThanOrEqualTo(30);
    }

    /** Subscribes to random existing tasks, one at a time, until told to stop; returns the wrong answers. */
    private static List<String> subscribeWhile(AtomicBoolean restarting, AtomicInteger answered) {
        List<String> wrong = new ArrayList<>();
        try (WsClient client = STACK.connect(1)) {
            for (int n = 0; restarting.get(); n++) {
                long pk = 1 + ThreadLocalRandom.current().nextInt(TASKS);
                client.send("{\"type\":\"subscribe\",\"id\":" + n + ",\"model\":\"todolist.Task\",\"action\":\"retrieve\","
                        + "\"lookup_by\":" + pk + "}");
                client.send("{\"type\":\"unsubscribe\",\"id\":\"sync-" + n + "\"}");
                String sync = "sync-" + n;
                client.awaitFrame(f -> "error".equals(f.get("type").asString()) && sync.equals(f.get("id").asString()));
                answered.incrementAndGet();
            }
            for (JsonNode frame : client.frames()) {
                boolean syncError = "error".equals(frame.get("type").asString())
                        && frame.get("id").asString().startsWith("sync-");
                boolean deleted = "broadcast".equals(frame.get("type").asString())
                        && "DELETED".equals(frame.get("action").asString());
                if ((!syncError && "error".equals(frame.get("type").asString())) || deleted) {
                    wrong.add(frame.toString());
                }
            }
        }
        return wrong;
    }

    private static void publishTasks() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20),
                new StringSerializer(), new StringSerializer())) {
            String topic = STACK.stack().topicPrefix() + "changes";
            for (int pk = 1; pk <= TASKS; pk++) {
                producer.send(new ProducerRecord<>(topic, "todolist.Task|" + pk, "{\"model\":\"todolist.Task\",\"pk\":"
                        + pk + ",\"op\":\"UPSERT\",\"instance\":{\"id\":" + pk + ",\"text\":\"task " + pk
                        + "\",\"done\":false,\"list\":3}}"));
            }
            producer.flush();
        }
    }
}
