package io.restlive.e2e.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.restlive.e2e.support.Changes;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Membership semantics and the protocol on the real processes, with clients on two different edges:
 * entering, moving between and leaving filtered views, real deletion, permissions re-checked on every
 * change, retrieve pinned to one instance, and handshake authentication.
 */
class MembershipSemanticsIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(2,
            builder -> builder.viewsFile(Path.of("src/test/resources/semantics-views.yaml").toAbsolutePath()));

    private static final String TASK = "todolist.Task";
    private static final String NOTE = "todolist.Note";

    @Test
    void shouldMoveATaskBetweenListViewsOnTwoEdgesAndDeleteIt() {
        Changes changes = STACK.changes();
        try (WsClient list1 = STACK.connect(1); WsClient list2 = STACK.connect(2)) {
            // given: a list-1 subscriber on edge 1 and a list-2 subscriber on edge 2, both live
            list1.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":\"one\",\"model\":\"todolist.Task\","
                    + "\"action\":\"list\",\"view_kwargs\":{\"list\":1}}", () -> changes.upsert(TASK, 901, task(901, 1, "warm")));
            list2.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":2,\"model\":\"todolist.Task\","
                    + "\"action\":\"list\",\"view_kwargs\":{\"list\":2}}", () -> changes.upsert(TASK, 902, task(902, 2, "warm")));
            list1.clear();
            list2.clear();

            // when: task 10 is created in list 1
            changes.upsert(TASK, 10, task(10, 1, "new"));
            // then
            list1.awaitFrame("{\"type\":\"broadcast\",\"id\":\"one\",\"model\":\"todolist.Task\",\"action\":\"CREATED\","
                    + "\"instance\":{\"id\":10,\"text\":\"new\",\"done\":false}}");

            // when: it moves to list 2
            changes.upsert(TASK, 10, task(10, 2, "moved"));
            // then: it leaves list 1 (lookup-only payload) and enters list 2
            list1.awaitFrame("{\"type\":\"broadcast\",\"id\":\"one\",\"model\":\"todolist.Task\",\"action\":\"DELETED\","
                    + "\"instance\":{\"pk\":10,\"id\":10}}");
            list2.awaitFrame("{\"type\":\"broadcast\",\"id\":2,\"model\":\"todolist.Task\",\"action\":\"CREATED\","
                    + "\"instance\":{\"id\":10,\"text\":\"moved\",\"done\":false}}");

            // when: it is really deleted
            changes.delete(TASK, 10);
            // then
            list2.awaitFrame("{\"type\":\"broadcast\",\"id\":2,\"model\":\"todolist.Task\",\"action\":\"DELETED\","
                    + "\"instance\":{\"pk\":10,\"id\":10}}");
            assertThat(list1.frames()).as("list 1 saw the task enter and leave, nothing else")
                    .extracting(f -> f.get("action").asString()).containsExactly("CREATED", "DELETED");
        }
    }

    @Test
    void shouldFollowOnlyTheRetrievedInstance() {
        Changes changes = STACK.changes();
        changes.upsert(TASK, 20, task(20, 3, "mine"));
        try (WsClient client = STACK.connect(2)) {
            client.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":0,\"model\":\"todolist.Task\",\"action\":\"retrieve\","
                    + "\"lookup_by\":20,\"view_kwargs\":{\"list\":3}}", () -> changes.upsert(TASK, 20, task(20, 3, "mine")));
            client.clear();

            // when: another task of the same list changes, then the retrieved one
            changes.upsert(TASK, 21, task(21, 3, "other"));
            changes.upsert(TASK, 20, task(20, 3, "mine, edited"));

            // then: only the retrieved task's broadcast arrives (changes are processed in order)
            client.awaitFrame("{\"type\":\"broadcast\",\"id\":0,\"model\":\"todolist.Task\",\"action\":\"UPDATED\","
                    + "\"instance\":{\"id\":20,\"text\":\"mine, edited\",\"done\":false}}");
            assertThat(client.frames()).extracting(f -> f.get("instance").get("id").asInt()).containsOnly(20);
        }
    }

    @Test
    void shouldRecheckObjectPermissionOnEveryChange() {
        Changes changes = STACK.changes();
        String token = Tokens.forUser(STACK.stack().jwtSecret(), "alice", Instant.now().plusSeconds(3600));
        try (WsClient alice = WsClient.connect(STACK.subscribeUrl(1), Map.of("Authorization", "Bearer " + token))) {
            alice.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":5,\"model\":\"todolist.Note\",\"action\":\"list\"}",
                    () -> changes.upsert(NOTE, 1, "{\"id\":1,\"owner\":\"alice\",\"text\":\"warm\"}"));
            alice.clear();

            // when: the note is given to bob, then back to alice
            changes.upsert(NOTE, 1, "{\"id\":1,\"owner\":\"bob\",\"text\":\"secret of bob\"}");
            alice.awaitFrame("{\"type\":\"broadcast\",\"id\":5,\"model\":\"todolist.Note\",\"action\":\"DELETED\","
                    + "\"instance\":{\"pk\":1,\"id\":1}}");
            changes.upsert(NOTE, 1, "{\"id\":1,\"owner\":\"alice\",\"text\":\"back\"}");

            // then: it left her view without its content, and came back
            alice.awaitFrame("{\"type\":\"broadcast\",\"id\":5,\"model\":\"todolist.Note\",\"action\":\"CREATED\","
                    + "\"instance\":{\"id\":1,\"owner\":\"alice\",\"text\":\"back\"}}");
            assertThat(alice.frames().toString()).doesNotContain("secret of bob");
        }
    }

    @Test
    void shouldCountAnInstanceThatExistedBeforeSubscribingAsAlreadyInTheView() {
        Changes changes = STACK.changes();
        // given: task 40 exists, and the edge has read its creation (a witness on the same edge received it).
        // A change the edge had not read yet when a subscribe arrives counts as after it (docs/protocol.md).
        try (WsClient witness = STACK.connect(1)) {
            witness.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\","
                    + "\"action\":\"list\",\"view_kwargs\":{\"list\":4}}", () -> changes.upsert(TASK, 40, task(40, 4, "before")));
        }
        try (WsClient client = STACK.connect(1)) {
            client.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":40,\"model\":\"todolist.Task\","
                    + "\"action\":\"list\",\"view_kwargs\":{\"list\":4}}", () -> changes.upsert(TASK, 40, task(40, 4, "before")));

            // then: every broadcast of task 40 is an UPDATED, never a CREATED
            assertThat(client.frames()).extracting(f -> f.get("action").asString()).containsOnly("UPDATED");
        }
    }

    @Test
    void shouldAnswerBadInputWithErrorsAndKeepTheConnectionsSubscriptions() {
        Changes changes = STACK.changes();
        try (WsClient client = STACK.connect(2)) {
            client.subscribeUntilLive("{\"type\":\"subscribe\",\"id\":\"s\",\"model\":\"todolist.Task\","
                    + "\"action\":\"list\",\"view_kwargs\":{\"list\":5}}", () -> changes.upsert(TASK, 50, task(50, 5, "warm")));

            // when: malformed JSON, a reused id, null in query_params, no id
            client.send("{not json");
            client.send("{\"type\":\"subscribe\",\"id\":\"s\",\"model\":\"todolist.Task\",\"action\":\"list\"}");
            client.send("{\"type\":\"subscribe\",\"id\":3,\"model\":\"todolist.Task\",\"action\":\"list\",\"query_params\":{\"a\":null}}");
            client.send("{\"type\":\"unsubscribe\"}");
            await().atMost(WsClient.FRAME_TIMEOUT).until(() -> client.frames().stream()
                    .filter(f -> "error".equals(f.get("type").asString())).count() == 4);
            client.clear();
            changes.upsert(TASK, 50, task(50, 5, "still live"));

            // then: the first subscription still receives broadcasts
            client.awaitFrame("{\"type\":\"broadcast\",\"id\":\"s\",\"model\":\"todolist.Task\",\"action\":\"UPDATED\","
                    + "\"instance\":{\"id\":50,\"text\":\"still live\",\"done\":false}}");
        }
    }

    @Test
    void shouldRefuseAnonymousListsOfAnAuthenticatedView() {
        try (WsClient anonymous = STACK.connect(2)) {
            anonymous.send("{\"type\":\"subscribe\",\"id\":7,\"model\":\"todolist.Note\",\"action\":\"list\"}");

            anonymous.awaitFrame("{\"type\":\"error\",\"id\":7,\"code\":403,"
                    + "\"message\":\"Unauthorized to subscribe to todolist.Note for action list\"}");
        }
    }

    @Test
    void shouldCloseAnonymousConnectionsToAPrivateEndpointWith4003() {
        URI privateUrl = STACK.stack().webSocketUrl(1, "/ws/private/");
        try (WsClient anonymous = WsClient.connect(privateUrl)) {
            assertThat(anonymous.awaitClose().code()).isEqualTo(4003);
        }
    }

    @Test
    void shouldRejectAnExpiredTokenAtTheHandshake() {
        String expired = Tokens.forUser(STACK.stack().jwtSecret(), "alice", Instant.now().minusSeconds(600));

        assertThatThrownBy(() -> WsClient.connect(STACK.subscribeUrl(1), Map.of("Authorization", "Bearer " + expired)))
                .hasMessageContaining("401");
    }

    /** Subscribes, then triggers a matching change until a frame for the subscription arrives. */

    private static String task(long id, long list, String text) {
        return "{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":false,\"list\":" + list + "}";
    }
}
