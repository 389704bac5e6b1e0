package io.restlive.e2e.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.e2e.support.Changes;
import io.restlive.e2e.support.ProcessorEndpoints;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Error codes and exact texts over the wire (the original's, and rest-live's additions), and unsubscribe
 * matching ids by JSON value as the original's Python equality does ({@code 1.0} is {@code 1}).
 */
class ProtocolErrorsIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1,
            builder -> builder.viewsFile(Path.of("src/test/resources/semantics-views.yaml").toAbsolutePath()));

    private static final String TASK = "todolist.Task";
    private static final String UNKNOWN_UNSUBSCRIBE = "Attempted to unsubscribe for request ID before subscribing.";

    @Test
    void shouldAnswerTheOriginalsErrorsWithTheirExactTexts() {
        try (WsClient client = STACK.connect(1)) {
            client.send("{\"type\":\"subscribe\",\"id\":1,\"action\":\"list\"}");
            client.awaitFrame(error("1", 400, "No model specified."));

            client.send("{\"type\":\"subscribe\",\"id\":2,\"model\":\"shop.Order\",\"action\":\"list\"}");
            client.awaitFrame(error("2", 404, "Model shop.Order not registered for realtime updates."));

            client.send("{\"type\":\"nope\",\"id\":3}");
            client.awaitFrame(error("3", 400, "unknown message type `nope`."));

            client.send("{\"id\":4}");
            client.awaitFrame(error("4", 400, "unknown message type `None`."));

            client.send("{\"type\":\"unsubscribe\",\"id\":5}");
            client.awaitFrame(error("5", 404, UNKNOWN_UNSUBSCRIBE));

            client.send("{\"type\":\"subscribe\",\"id\":6,\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":987654}");
            client.awaitFrame(error("6", 404, "Instance not found. Make sure 'lookup_by' is set to a valid ID"));

            assertThat(client.frames()).as("error frames never carry a model key")
                    .allSatisfy(frame -> assertThat(frame.has("model")).isFalse());
        }
    }

    @Test
    void shouldCheck404Before403() {
        Changes changes = STACK.changes();
        ProcessorEndpoints processor = ProcessorEndpoints.of(STACK.stack());
        changes.upsert("todolist.Note", 70, "{\"id\":70,\"owner\":\"alice\",\"text\":\"hers\"}");
        await("note 70 stored").atMost(WsClient.FRAME_TIMEOUT).until(() -> processor.hasInstance("todolist.Note", "pk", "70"));
        try (WsClient anonymous = STACK.connect(1)) {
            // when: an anonymous user, who has no permission on notes, retrieves a missing and an existing note
            anonymous.send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Note\",\"action\":\"retrieve\",\"lookup_by\":71}");
            anonymous.send("{\"type\":\"subscribe\",\"id\":2,\"model\":\"todolist.Note\",\"action\":\"retrieve\",\"lookup_by\":70}");

            // then
            anonymous.awaitFrame(error("1", 404, "Instance not found. Make sure 'lookup_by' is set to a valid ID"));
            anonymous.awaitFrame(error("2", 403, "Unauthorized to subscribe to todolist.Note for action retrieve"));
        }
    }

    @Test
    void shouldSubscribeNothingForAnInvalidAction() {
        Changes changes = STACK.changes();
        try (WsClient client = STACK.connect(1)) {
            // when: an action the protocol does not know, and a missing one
            client.send("{\"type\":\"subscribe\",\"id\":11,\"model\":\"todolist.Task\",\"action\":\"create\",\"view_kwargs\":{\"list\":11}}");
            client.send("{\"type\":\"subscribe\",\"id\":12,\"model\":\"todolist.Task\",\"view_kwargs\":{\"list\":11}}");
            String badAction = "`action` must be present and the value must be either `list` or `retrieve`.";
            client.awaitFrame(error("11", 400, badAction));
            client.awaitFrame(error("12", 400, badAction));

            // then: neither id is subscribed (the original subscribes both anyway)
            client.send("{\"type\":\"unsubscribe\",\"id\":11}");
            client.send("{\"type\":\"unsubscribe\",\"id\":12}");
            client.awaitFrame(error("11", 404, UNKNOWN_UNSUBSCRIBE));
            client.awaitFrame(error("12", 404, UNKNOWN_UNSUBSCRIBE));
            client.clear();
            changes.upsert(TASK, 110, task(110, 11, "created in list 11"));
            client.assertNoFrameWithin(Duration.ofSeconds(3));
        }
    }

    @Test
    void shouldRefuseAReusedIdWith409AndKeepOneSubscription() {
        Changes changes = STACK.changes();
        try (WsClient client = STACK.connect(1)) {
            String subscribe = "{\"type\":\"subscribe\",\"id\":\"dup\",\"model\":\"todolist.Task\",\"action\":\"list\","
                    + "\"view_kwargs\":{\"list\":12}}";
            client.subscribeUntilLive(subscribe, () -> changes.upsert(TASK, 120, task(120, 12, "warm")));

            // when: the live id is used again
            client.send(subscribe);

            // then: 409, and a change still yields exactly one frame for the id (the original sends two)
            client.awaitFrame("{\"type\":\"error\",\"id\":\"dup\",\"code\":409,"
                    + "\"message\":\"Subscription ID \\\"dup\\\" is already in use on this connection.\"}");
            client.clear();
            changes.upsert(TASK, 121, task(121, 12, "one frame"));
            client.awaitFrame(f -> isAbout(f, 121));
            await("no second frame of task 121").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(7))
                    .until(() -> client.frames().stream().filter(f -> isAbout(f, 121)).count() == 1);
        }
    }

    @Test
    void shouldAnswerMessagesWithoutAnIdWithIdNull() {
        try (WsClient client = STACK.connect(1)) {
            client.send("{\"type\":\"subscribe\",\"id\":null,\"model\":\"todolist.Task\",\"action\":\"list\"}");
            client.send("{\"type\":\"subscribe\",\"model\":\"todolist.Task\",\"action\":\"list\"}");
            client.send("{not json");
            client.send("[1,2]");

            await().atMost(WsClient.FRAME_TIMEOUT).until(() -> client.frames().size() == 4);
            assertThat(client.frames()).containsExactly(
                    node(error(null, 400, "Message has no `id`.")),
                    node(error(null, 400, "Message has no `id`.")),
                    node(error(null, 400, "Message is not valid JSON.")),
                    node(error(null, 400, "Message must be a JSON object.")));
        }
    }

    @Test
    void shouldUnsubscribeId1With1Point0() {
        Changes changes = STACK.changes();
        try (WsClient client = STACK.connect(1)) {
            client.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\","
                    + "\"view_kwargs\":{\"list\":13}}", () -> changes.upsert(TASK, 130, task(130, 13, "warm")));

            // when: unsubscribe with 1.0, then again with 1
            client.send("{\"type\":\"unsubscribe\",\"id\":1.0}");
            client.send("{\"type\":\"unsubscribe\",\"id\":1}");

            // then: the first one matched (silently), so the second finds nothing
            client.awaitFrame(error("1", 404, UNKNOWN_UNSUBSCRIBE));
            changes.upsert(TASK, 131, task(131, 13, "after unsubscribe"));
            await("no broadcast of task 131").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
                    .until(() -> client.frames().stream().noneMatch(f -> isAbout(f, 131)));
        }
    }

    /** An error frame; {@code idJson} is the id as JSON text, or null for {@code "id": null}. */
    private static String error(String idJson, int code, String message) {
        return "{\"type\":\"error\",\"id\":" + idJson + ",\"code\":" + code + ",\"message\":"
                + io.restlive.core.json.Json.write(io.restlive.core.json.Json.NODES.stringNode(message)) + "}";
    }

    /** Whether a frame is a broadcast of task {@code id}. */
    private static boolean isAbout(JsonNode frame, long id) {
        return frame.has("instance") && frame.get("instance").get("id").asLong() == id;
    }

    private static JsonNode node(String json) {
        return io.restlive.core.json.Json.parse(json);
    }

    /** Subscribes, then triggers a matching change until a frame for the subscription arrives. */

    private static String task(long id, long list, String text) {
        return "{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":false,\"list\":" + list + "}";
    }
}
