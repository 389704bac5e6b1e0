package io.restlive.e2e.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.e2e.support.Changes;
import io.restlive.e2e.support.LookupInterceptor;
import io.restlive.e2e.support.ProcessorEndpoints;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A change processed while a retrieve subscription is being made (between its subscribe's arrival and its
 * group going live) still reaches the subscriber, once and in order, whether its group is new or already
 * held by another edge. The edges look instances up through a {@link LookupInterceptor}, which publishes the
 * change and waits until the processor has stored it before handing the edge the older answer.
 */
class SubscribeChangeRaceIT {

    private static final LookupInterceptor LOOKUPS = LookupInterceptor.start();

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(2, builder -> builder
            .edgeEnv("REST_LIVE_PROCESSOR_URL", LOOKUPS.url().toString())
            // The interceptor holds an answer until the processor stored the change: allow it the time.
            .edgeEnv("REST_LIVE_LOOKUP_TIMEOUT", "60s"));

    private static final String TASK = "todolist.Task";
    private static ProcessorEndpoints processor;

    @BeforeAll
    static void forwardLookups() {
        LOOKUPS.forwardTo(STACK.stack().processorUrl());
        processor = ProcessorEndpoints.of(STACK.stack());
    }

    @AfterEach
    void actionsSucceeded() {
        LOOKUPS.assertActionsSucceeded();
    }

    @AfterAll
    static void stopInterceptor() {
        LOOKUPS.close();
    }

    @Test
    void shouldCatchUpARetrieveSubscriberWhoseNewGroupMissedAChange() {
        Changes changes = STACK.changes();
        // given: the instance as the lookup will find it
        upsertAndAwaitStored(70, "race: milk");
        int interceptedBefore = LOOKUPS.intercepted();
        LOOKUPS.beforeNextAnswer(() -> upsertAndAwaitStored(70, "race: oat milk"));

        try (WsClient client = STACK.connect(1)) {
            // when: the change is processed while the subscription is being made
            client.send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":70}");

            // then: the subscriber gets the state after it
            client.awaitFrame("{\"type\":\"broadcast\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"UPDATED\","
                    + "\"instance\":{\"id\":70,\"text\":\"race: oat milk\",\"done\":false}}");
            assertThat(LOOKUPS.intercepted()).as("the change fell inside the window").isEqualTo(interceptedBefore + 1);

            // and then it follows the instance as usual
            changes.upsert(TASK, 70, task(70, "race: soy milk"));
            client.awaitFrame("{\"type\":\"broadcast\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"UPDATED\","
                    + "\"instance\":{\"id\":70,\"text\":\"race: soy milk\",\"done\":false}}");
            // The state stored just before the subscribe arrived may come first (the edge's positions are at
            // most a marker interval old); every state after it comes once, in order.
            List<String> texts = client.frames().stream().map(f -> f.get("instance").get("text").asString()).toList();
            assertThat(texts.subList(texts.size() - 2, texts.size())).containsExactly("race: oat milk", "race: soy milk");
            assertThat(texts.subList(0, texts.size() - 2)).isSubsetOf("race: milk").hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void shouldCatchUpARetrieveSubscriberJoiningAGroupAnotherEdgeHolds() {
        Changes changes = STACK.changes();
        upsertAndAwaitStored(71, "shared: bread");
        try (WsClient first = STACK.connect(2); WsClient second = STACK.connect(1)) {
            // given: a live subscriber of the instance on edge 2
            first.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":\"a\",\"model\":\"todolist.Task\","
                    + "\"action\":\"retrieve\",\"lookup_by\":71}", () -> changes.upsert(TASK, 71, task(71, "shared: bread")));
            LOOKUPS.beforeNextAnswer(() -> upsertAndAwaitStored(71, "shared: rye bread"));

            // when: a second subscriber on edge 1 subscribes while the instance changes
            second.send("{\"type\":\"subscribe\",\"id\":\"b\",\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":71}");

            // then: the group delivered the change to the first; the second is caught up
            first.awaitFrame("{\"type\":\"broadcast\",\"id\":\"a\",\"model\":\"todolist.Task\",\"action\":\"UPDATED\","
                    + "\"instance\":{\"id\":71,\"text\":\"shared: rye bread\",\"done\":false}}");
            second.awaitFrame("{\"type\":\"broadcast\",\"id\":\"b\",\"model\":\"todolist.Task\",\"action\":\"UPDATED\","
                    + "\"instance\":{\"id\":71,\"text\":\"shared: rye bread\",\"done\":false}}");
            assertThat(second.frames()).as("the second subscriber got the change once")
                    .filteredOn(f -> f.get("instance").get("text").asString().equals("shared: rye bread")).hasSize(1);
        }
    }

    @Test
    void shouldTellARetrieveSubscriberThatItsInstanceWasDeletedMeanwhile() {
        // given: a versioned instance (a versioned delete leaves a tombstone the processor can compare)
        STACK.changes().publish("{\"model\":\"todolist.Task\",\"pk\":72,\"op\":\"UPSERT\",\"version\":1,"
                + "\"instance\":" + task(72, "gone soon") + "}");
        await().atMost(WsClient.FRAME_TIMEOUT).ignoreExceptions().until(() -> processor.hasState(TASK, 72, "text", "\"gone soon\""));
        LOOKUPS.beforeNextAnswer(() -> {
            STACK.changes().publish("{\"model\":\"todolist.Task\",\"pk\":72,\"op\":\"DELETE\",\"version\":2}");
            await().atMost(WsClient.FRAME_TIMEOUT).ignoreExceptions().until(() -> processor.lacksInstance(TASK, "pk", "72"));
        });

        try (WsClient client = STACK.connect(1)) {
            // when
            client.send("{\"type\":\"subscribe\",\"id\":3,\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":72}");

            // then
            client.awaitFrame("{\"type\":\"broadcast\",\"id\":3,\"model\":\"todolist.Task\",\"action\":\"DELETED\","
                    + "\"instance\":{\"pk\":72,\"id\":72}}");
        }
    }

    @Test
    void shouldTellARetrieveSubscriberThatItsInstanceWasDeletedWithoutAVersionMeanwhile() {
        // given: an instance without versions (its delete leaves no tombstone: the owner finds no entry)
        upsertAndAwaitStored(73, "gone without a trace");
        LOOKUPS.beforeNextAnswer(() -> {
            STACK.changes().delete(TASK, 73);
            await().atMost(WsClient.FRAME_TIMEOUT).ignoreExceptions().until(() -> processor.lacksInstance(TASK, "pk", "73"));
        });

        try (WsClient client = STACK.connect(1)) {
            // when
            client.send("{\"type\":\"subscribe\",\"id\":4,\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":73}");

            // then
            client.awaitFrame("{\"type\":\"broadcast\",\"id\":4,\"model\":\"todolist.Task\",\"action\":\"DELETED\","
                    + "\"instance\":{\"pk\":73,\"id\":73}}");
        }
    }

    private void upsertAndAwaitStored(long pk, String text) {
        STACK.changes().upsert(TASK, pk, task(pk, text));
        await("the processor to store '" + text + "'").atMost(WsClient.FRAME_TIMEOUT).ignoreExceptions()
                .until(() -> processor.hasState(TASK, pk, "text", "\"" + text + "\""));
    }

    private static String task(long id, String text) {
        return "{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":false}";
    }
}
