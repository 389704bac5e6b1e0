package io.restlive.e2e.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.e2e.support.Changes;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Protocol v2 (docs/protocol.md, "Protocol v2") on the real processes: chosen by the subprotocol
 * {@code rest-live.v2}; a truthful {@code subscribed} with a position; an in-band snapshot before it, with no
 * duplicate after it; resume from a position after a reconnect (or {@code reset} when the processor cannot);
 * versions on frames; in-band token refresh; {@code unsubscribed}.
 */
class ProtocolV2IT {

    private static final String TASK = "todolist.Task";

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1, builder -> builder
            .viewsFile(Path.of("src/test/resources/semantics-views.yaml").toAbsolutePath())
            .edgeEnv("REST_LIVE_SNAPSHOT_LIMIT", "5"));

    @Test
    void shouldSpeakV2OnlyToClientsThatAskForIt() {
        try (WsClient v2 = v2(); WsClient v1 = STACK.connect(1)) {
            assertThat(v2.subprotocol()).isEqualTo("rest-live.v2");
            assertThat(v1.subprotocol()).isEmpty();
        }
    }

    @Test
    void shouldSendTheSnapshotThenSubscribedThenOnlyNewerChanges() {
        Changes changes = STACK.changes();
        changes.upsert(TASK, 201, task(201, 20, "one"));
        changes.upsert(TASK, 202, task(202, 20, "two"));
        changes.upsert(TASK, 203, task(203, 21, "elsewhere"));
        try (WsClient client = v2()) {
            // given: both tasks of list 20 are stored (a v1 lookup-free way to know: a snapshot that has them)
            JsonNode snapshot = awaitSnapshotOf(client, 20, 2);

            // then: the snapshot came first and whole, then subscribed, and its items carry versions
            assertThat(snapshot.get("last").asBoolean()).isTrue();
            assertThat(snapshot.get("items")).allSatisfy(item -> assertThat(item.get("version").asLong()).isPositive());
            JsonNode subscribed = client.awaitFrame(f -> type(f).equals("subscribed") && f.get("id").asInt() == 2000);
            assertThat(subscribed.get("position").asString()).startsWith("v2:");
            assertThat(client.frames().stream().filter(f -> f.get("id") != null && f.get("id").asInt() == 2000)
                    .map(ProtocolV2IT::type).toList()).containsExactly("snapshot", "subscribed");

            // when: one of them changes
            changes.upsert(TASK, 201, task(201, 20, "one, changed"));

            // then: one UPDATED, with a version above the snapshot's and a position
            JsonNode frame = client.awaitFrame(f -> type(f).equals("broadcast") && f.get("id").asInt() == 2000);
            assertThat(frame.get("action").asString()).isEqualTo("UPDATED");
            assertThat(frame.get("instance").get("text").asString()).isEqualTo("one, changed");
            long before = versionOf(snapshot, 201);
            assertThat(frame.get("version").asLong()).isGreaterThan(before);
            assertThat(frame.get("position").asString()).startsWith("v2:");
        }
    }

    @Test
    void shouldRefuseASnapshotAboveTheLimit() {
        Changes changes = STACK.changes();
        for (int pk = 301; pk <= 306; pk++) {
            changes.upsert(TASK, pk, task(pk, 30, "many"));
        }
        try (WsClient client = v2()) {
            JsonNode error = await("a snapshot of all six tasks").atMost(WsClient.FRAME_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                client.clear();
                client.send(subscribe(3000, 30, ",\"snapshot\":true"));
                JsonNode answer = client.awaitFrame(f -> f.get("id") != null && f.get("id").asInt() == 3000);
                if (!type(answer).equals("error")) {
                    client.send("{\"type\":\"unsubscribe\",\"id\":3000}");
                    client.awaitFrame(f -> type(f).equals("unsubscribed"));
                }
                return answer;
            }, answer -> type(answer).equals("error"));
            assertThat(error.get("code").asInt()).isEqualTo(413);
            assertThat(error.get("message").asString()).isEqualTo("Snapshot of 6 instances exceeds the limit of 5; "
                    + "subscribe without \"snapshot\" and page through the REST API.");
        }
    }

    @Test
    void shouldResumeWithWhatWasMissedWhileDisconnected() {
        Changes changes = STACK.changes();
        String position;
        try (WsClient client = v2()) {
            client.subscribeUntilLive(subscribe(4000, 40, ""), () -> changes.upsert(TASK, 401, task(401, 40, "warm")));
            client.awaitFrame(f -> type(f).equals("subscribed"));
            // the last change of the entity the warm-up changed: every warm-up frame is before its position
            changes.upsert(TASK, 401, task(401, 40, "last seen"));
            JsonNode last = client.awaitFrame(f -> type(f).equals("broadcast")
                    && f.get("instance").get("text").asString().equals("last seen"));
            position = last.get("position").asString();
        }
        // when: changes happen while the client is away
        changes.upsert(TASK, 402, task(402, 40, "missed one"));
        changes.upsert(TASK, 403, task(403, 40, "missed two"));

        try (WsClient client = v2()) {
            client.send(subscribe(4000, 40, ",\"resume\":\"" + position + "\""));

            // then: the missed changes arrive, then subscribed; nothing of before the position
            client.awaitFrame(f -> type(f).equals("subscribed"));
            List<String> texts = client.frames().stream().filter(f -> type(f).equals("broadcast"))
                    .map(f -> f.get("instance").get("text").asString()).toList();
            assertThat(texts).contains("missed one", "missed two").doesNotContain("warm", "last seen");
        }
    }

    @Test
    void shouldResetAResumeThatCannotBeServed() {
        try (WsClient client = v2()) {
            client.send(subscribe(5000, 50, ",\"resume\":\"v2:0.1.1,1.1.1,2.1.1,3.1.1,4.1.1,5.1.1\""));
            JsonNode reset = client.awaitFrame(f -> type(f).equals("reset"));
            assertThat(reset.get("id").asInt()).isEqualTo(5000);
            client.send(subscribe(5001, 50, ",\"resume\":\"not a position\""));
            JsonNode error = client.awaitFrame(f -> type(f).equals("error"));
            assertThat(error.get("message").asString()).isEqualTo("`resume` is not a position of this server.");
        }
    }

    @Test
    void shouldRefreshATokenInBandAndKeepTheSubscriptions() {
        Changes changes = STACK.changes();
        String secret = STACK.stack().jwtSecret();
        String shortLived = Tokens.forUser(secret, "carol", Instant.now().plusSeconds(30));
        URI privateEndpoint = URI.create(STACK.subscribeUrl(1).toString().replace("/ws/subscribe/", "/ws/private/"));
        try (WsClient client = WsClient.connectV2(privateEndpoint, Map.of("Authorization", "Bearer " + shortLived))) {
            // then: a token expiring within the warning time is announced at once
            client.awaitFrame(f -> type(f).equals("token_expiring"));
            client.subscribeUntilLive(subscribe(6000, 60, ""), () -> changes.upsert(TASK, 601, task(601, 60, "warm")));

            // when: another user's token is offered, then a fresh one of the same user
            client.send("{\"type\":\"auth\",\"token\":\"" + Tokens.forUser(secret, "mallory", Instant.now().plusSeconds(3600)) + "\"}");
            JsonNode refused = client.awaitFrame(f -> type(f).equals("error") && f.get("code").asInt() == 401);
            assertThat(refused.get("message").asString()).contains("same `sub`");
            client.send("{\"type\":\"auth\",\"token\":\"" + Tokens.forUser(secret, "carol", Instant.now().plusSeconds(3600)) + "\"}");
            JsonNode authenticated = client.awaitFrame(f -> type(f).equals("authenticated"));
            assertThat(authenticated.get("expires_at").asLong()).isGreaterThan(Instant.now().plusSeconds(1800).getEpochSecond());

            // then: the subscription goes on
            client.clear();
            changes.upsert(TASK, 602, task(602, 60, "after refresh"));
            client.awaitFrame(f -> type(f).equals("broadcast") && f.get("instance").get("text").asString().equals("after refresh"));
        }
    }

    @Test
    void shouldAnswerUnsubscribe() {
        try (WsClient client = v2()) {
            client.send(subscribe(7000, 70, ""));
            client.awaitFrame(f -> type(f).equals("subscribed"));
            client.send("{\"type\":\"unsubscribe\",\"id\":7000}");
            assertThat(client.awaitFrame(f -> type(f).equals("unsubscribed")).get("id").asInt()).isEqualTo(7000);
        }
    }

    @Test
    void shouldSnapshotAListWhileChangesStreamWithNoGapAndNoDuplicate() throws Exception {
        try (TaskStream stream = new TaskStream(STACK.changes(), 80, 801, 5); WsClient client = v2()) {
            // given: the list's tasks changing without pause
            stream.start();
            await("changes streaming").atMost(WsClient.FRAME_TIMEOUT).until(() -> stream.sent() > 100);

            // when: a subscription with a snapshot arrives in the middle of it; the stream goes on, then ends
            client.send(subscribe(8000, 80, ",\"snapshot\":true"));
            client.awaitFrame(f -> type(f).equals("subscribed"));
            await("more changes").atMost(WsClient.FRAME_TIMEOUT).until(() -> stream.sent() > 250);
            stream.stopWithFinalRound();

            // then: per task, the snapshot's state and then every later published state, once each, in order
            for (int id : stream.ids()) {
                await("task " + id + " to reach its last state").atMost(WsClient.FRAME_TIMEOUT)
                        .until(() -> seen(client, id).contains("final"));
                assertThat(seen(client, id)).as("task %d: snapshot, then every change after it", id)
                        .isEqualTo(tail(stream.published(id), seen(client, id).get(0)));
            }
        }
    }

    @Test
    void shouldResumeAfterTheSocketIsCutWhileChangesStreamWithNoGapAndNoDuplicate() throws Exception {
        Map<Integer, List<String>> seen = new HashMap<>();
        try (TaskStream stream = new TaskStream(STACK.changes(), 81, 811, 5)) {
            stream.start();
            String position;
            try (WsClient first = v2()) {
                // given: a live subscription receiving the stream
                first.send(subscribe(8100, 81, ",\"snapshot\":true"));
                first.awaitFrame(f -> type(f).equals("subscribed"));
                await("frames").atMost(WsClient.FRAME_TIMEOUT).until(() -> broadcasts(first).size() > 30);
                // when: its socket is cut (the last frame read is the last position known)
                List<JsonNode> frames = first.frames();
                position = frames.stream().filter(f -> f.has("position")).reduce((a, b) -> b).orElseThrow()
                        .get("position").asString();
                String cutAt = position;
                for (int id : stream.ids()) {
                    seen.put(id, new ArrayList<>(textsUpTo(frames, id, cutAt)));
                }
            }
            await("changes while away").atMost(WsClient.FRAME_TIMEOUT).until(() -> stream.sent() > 400);
            try (WsClient second = v2()) {
                // and it resumes from its position on a new connection while the stream goes on, then ends
                second.send(subscribe(8100, 81, ",\"resume\":\"" + position + "\""));
                second.awaitFrame(f -> type(f).equals("subscribed"));
                stream.stopWithFinalRound();

                // then: per task, what it had and what it received after the resume are every published state, once
                for (int id : stream.ids()) {
                    await("task " + id + " to reach its last state").atMost(WsClient.FRAME_TIMEOUT)
                            .until(() -> texts(second, id).contains("final"));
                    List<String> all = new ArrayList<>(seen.get(id));
                    all.addAll(texts(second, id));
                    assertThat(all).as("task %d: frames missed = frames received after the resume", id)
                            .isEqualTo(tail(stream.published(id), all.get(0)));
                }
                assertThat(second.frames()).noneMatch(f -> type(f).equals("reset"));
            }
        }
    }

    /** The texts of task {@code id} a connection holds: its snapshot item, then its broadcasts. */
    private static List<String> seen(WsClient client, int id) {
        List<String> texts = new ArrayList<>();
        for (JsonNode frame : client.frames()) {
            if (type(frame).equals("snapshot")) {
                for (JsonNode item : frame.get("items")) {
                    if (item.get("instance").get("id").asInt() == id) {
                        texts.add(item.get("instance").get("text").asString());
                    }
                }
            }
        }
        texts.addAll(texts(client, id));
        return texts;
    }

    private static List<String> texts(WsClient client, int id) {
        return broadcasts(client).stream().filter(f -> f.get("instance").get("id").asInt() == id)
                .map(f -> f.get("instance").get("text").asString()).toList();
    }

    /** The texts of task {@code id} in the snapshot and broadcasts up to the frame at {@code position}. */
    private static List<String> textsUpTo(List<JsonNode> frames, int id, String position) {
        List<String> texts = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (type(frame).equals("snapshot")) {
                for (JsonNode item : frame.get("items")) {
                    if (item.get("instance").get("id").asInt() == id) {
                        texts.add(item.get("instance").get("text").asString());
                    }
                }
            } else if (type(frame).equals("broadcast") && frame.get("instance").get("id").asInt() == id) {
                texts.add(frame.get("instance").get("text").asString());
            }
            if (frame.has("position") && frame.get("position").asString().equals(position)) {
                break;
            }
        }
        return texts;
    }

    private static List<JsonNode> broadcasts(WsClient client) {
        return client.frames().stream().filter(f -> type(f).equals("broadcast")).toList();
    }

    /** The published texts from {@code first} on. */
    private static List<String> tail(List<String> published, String first) {
        return published.subList(published.indexOf(first), published.size());
    }

    /** Subscribes with a snapshot until it shows {@code size} tasks (the changes may still be on their way). */
    private static JsonNode awaitSnapshotOf(WsClient client, int list, int size) {
        return await("a snapshot of " + size + " tasks").atMost(WsClient.FRAME_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            client.clear();
            client.send(subscribe(2000, list, ",\"snapshot\":true"));
            JsonNode snapshot = client.awaitFrame(f -> type(f).equals("snapshot"));
            if (snapshot.get("items").size() != size) {
                client.send("{\"type\":\"unsubscribe\",\"id\":2000}");
                client.awaitFrame(f -> type(f).equals("unsubscribed"));
            }
            return snapshot;
        }, snapshot -> snapshot.get("items").size() == size);
    }

    private static long versionOf(JsonNode snapshot, int pk) {
        for (JsonNode item : snapshot.get("items")) {
            if (item.get("instance").get("id").asInt() == pk) {
                return item.get("version").asLong();
            }
        }
        throw new AssertionError("no task " + pk + " in " + snapshot);
    }

    private static WsClient v2() {
        WsClient client = WsClient.connectV2(STACK.subscribeUrl(1), Map.of());
        assertThat(client.subprotocol()).isEqualTo("rest-live.v2");
        return client;
    }

    private static String subscribe(int id, int list, String extra) {
        return "{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"" + TASK + "\",\"action\":\"list\","
                + "\"view_kwargs\":{\"list\":" + list + "}" + extra + "}";
    }

    private static String task(int id, int list, String text) {
        return "{\"id\":" + id + ",\"list\":" + list + ",\"text\":\"" + text + "\",\"done\":false}";
    }

    private static String type(JsonNode frame) {
        return frame.get("type").asString();
    }
}
