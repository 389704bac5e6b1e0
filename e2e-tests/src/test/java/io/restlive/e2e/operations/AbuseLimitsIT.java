package io.restlive.e2e.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.e2e.semantics.Tokens;
import io.restlive.e2e.support.ProcessorEndpoints;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Abusive clients against the real processes, each refused the documented way: too many subscriptions
 * (per connection and per user), groups or subscribes per second (error frames), oversized values (400), too many connections per user
 * (429) or per edge (503), a page of another origin (403), a bad token (401), a token that expires (close
 * 4003), and a lookup on the processor's internal API without the stack's secret (401).
 */
class AbuseLimitsIT {

    private static final int MAX_CONNECTIONS = 8;
    private static final String ALLOWED_ORIGIN = "https://app.example.com";

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1, builder -> builder
            .edgeEnv("REST_LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION", "5")
            .edgeEnv("REST_LIVE_MAX_GROUPS_PER_CONNECTION", "3")
            .edgeEnv("REST_LIVE_SUBSCRIBE_RATE", "2")
            .edgeEnv("REST_LIVE_SUBSCRIBE_BURST", "12")
            .edgeEnv("REST_LIVE_MAX_CONNECTIONS", Integer.toString(MAX_CONNECTIONS))
            .edgeEnv("REST_LIVE_MAX_CONNECTIONS_PER_USER", "2")
            .edgeEnv("REST_LIVE_MAX_SUBSCRIPTIONS_PER_USER", "7")
            .edgeEnv("REST_LIVE_ALLOWED_ORIGINS", ALLOWED_ORIGIN)
            .edgeEnv("REST_LIVE_JWT_CLOCK_SKEW", "0s"));

    private static String subscribe(int id, int list) {
        return "{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"todolist.Task\",\"action\":\"list\","
                + "\"view_kwargs\":{\"list\":" + list + "}}";
    }

    private static java.util.function.Predicate<JsonNode> error(int id, int code) {
        return frame -> "error".equals(frame.path("type").asString()) && frame.path("id").asInt() == id
                && frame.path("code").asInt() == code;
    }

    private static Map<String, String> bearer(String subject) {
        return Map.of("Authorization", "Bearer " + Tokens.forUser(STACK.stack().jwtSecret(), subject,
                Instant.now().plusSeconds(3600)));
    }

    @Test
    void shouldRefuseSubscriptionsAndGroupsBeyondTheConnectionsLimitsWithErrorFrames() {
        try (WsClient client = STACK.connect(1)) {
            // three groups of two subscriptions each would be six subscriptions: the fourth group and the
            // sixth subscription are refused
            client.send(subscribe(1, 1)).send(subscribe(2, 2)).send(subscribe(3, 3)).send(subscribe(4, 4));
            JsonNode groups = client.awaitFrame(error(4, 400));
            client.send(subscribe(5, 1)).send(subscribe(6, 2)).send(subscribe(7, 3));
            JsonNode subscriptions = client.awaitFrame(error(7, 400));

            assertThat(groups.get("message").asString()).startsWith("Too many distinct subscriptions: at most 3 groups");
            assertThat(subscriptions.get("message").asString())
                    .isEqualTo("Too many subscriptions: at most 5 on one connection; unsubscribe first.");
            assertThat(client.frames()).hasSize(2);
        }
    }

    @Test
    void shouldRefuseAUsersSubscriptionsBeyondTheirCapOverAllTheirConnections() {
        try (WsClient first = WsClient.connect(STACK.subscribeUrl(1), bearer("carol"));
             WsClient second = WsClient.connect(STACK.subscribeUrl(1), bearer("carol"))) {
            // given: 4 subscriptions on the first connection (its own cap is 5)
            for (int id = 1; id <= 4; id++) {
                first.send(subscribe(id, id % 3 + 1));
            }
            first.send("{\"type\":\"unsubscribe\",\"id\":99}");
            first.awaitFrame(error(99, 404));

            // when: 4 more on the second: 8 in all, the user's cap is 7
            for (int id = 1; id <= 4; id++) {
                second.send(subscribe(id, id % 3 + 1));
            }

            // then: the last is refused, naming the user's cap, and nothing else was
            JsonNode refused = second.awaitFrame(error(4, 400));
            assertThat(refused.get("message").asString())
                    .isEqualTo("Too many subscriptions: at most 7 over all connections of one user; unsubscribe first.");
            assertThat(second.frames()).hasSize(1);
            assertThat(first.frames()).hasSize(1);
        }
    }

    @Test
    void shouldRefuseSubscribesFasterThanTheRateWith429() {
        try (WsClient client = STACK.connect(1)) {
            for (int id = 1; id <= 20; id++) {
                client.send("{\"type\":\"unsubscribe\",\"id\":0}").send("{\"type\":\"subscribe\",\"id\":" + (100 + id)
                        + ",\"model\":\"nope.Nope\",\"action\":\"list\"}");
            }

            JsonNode refused = client.awaitFrame(frame -> frame.path("code").asInt() == 429);
            assertThat(refused.get("message").asString())
                    .isEqualTo("Too many subscribes: at most 2 per second on one connection (bursts of 12); slow down.");
            assertThat(refused.has("model")).isFalse();
        }
    }

    @Test
    void shouldRefuseOversizedValuesWith400AndKeepTheConnection() {
        try (WsClient client = STACK.connect(1)) {
            client.send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"retrieve\","
                    + "\"lookup_by\":\"" + "x".repeat(2000) + "\"}");
            client.send("{\"type\":\"subscribe\",\"id\":2,\"model\":\"todolist.Task\",\"action\":\"list\","
                    + "\"query_params\":{\"q\":\"" + "y".repeat(5000) + "\"}}");
            client.send("{\"type\":\"subscribe\",\"id\":3,\"model\":\"todolist.Task\",\"action\":\"list\","
                    + "\"view_kwargs\":{\"list\":1,\"k\":\"" + "z".repeat(5000) + "\"}}");

            assertThat(client.awaitFrame(error(1, 400)).get("message").asString())
                    .isEqualTo("`lookup_by` is too large: 2002 bytes, at most 1024.");
            assertThat(client.awaitFrame(error(2, 400)).get("message").asString())
                    .isEqualTo("`query_params` is too large: 5008 bytes, at most 4096.");
            assertThat(client.awaitFrame(error(3, 400)).get("message").asString())
                    .isEqualTo("`view_kwargs` is too large: 5017 bytes, at most 4096.");
            client.send("{\"type\":\"unsubscribe\",\"id\":9}");
            client.awaitFrame(error(9, 404));
        }
    }

    @Test
    void shouldRefuseAUsersConnectionsBeyondTheirCapWith429AndTheEdgesBeyondItsCapWith503() {
        URI edge = STACK.subscribeUrl(1);
        List<WsClient> held = new ArrayList<>();
        try {
            held.add(WsClient.connect(edge, bearer("alice")));
            held.add(WsClient.connect(edge, bearer("alice")));
            assertThat(WsClient.handshakeStatus(edge, bearer("alice"))).as("alice's third").isEqualTo(429);

            // Other connections of this class may still be closing, so fill the edge until it refuses.
            while (held.size() <= MAX_CONNECTIONS) {
                try {
                    held.add(WsClient.connect(edge, bearer("user-" + held.size())));
                } catch (AssertionError full) {
                    break;
                }
            }
            assertThat(held).hasSizeLessThanOrEqualTo(MAX_CONNECTIONS);
            assertThat(WsClient.handshakeStatus(edge, bearer("someone-else"))).as("the edge is full").isEqualTo(503);
        } finally {
            held.forEach(WsClient::close);
        }
    }

    @Test
    void shouldRefuseAPageOfAnotherOriginWith403AndABadTokenWith401() {
        URI edge = STACK.subscribeUrl(1);

        assertThat(WsClient.handshakeStatus(edge, Map.of("Origin", "https://evil.example"))).isEqualTo(403);
        assertThat(WsClient.handshakeStatus(edge, Map.of("Origin", ALLOWED_ORIGIN))).isEqualTo(101);
        assertThat(WsClient.handshakeStatus(edge, Map.of("Authorization", "Bearer " + Tokens.forUser(
                "a-secret-the-edge-does-not-know-at-all-0123456789", "mallory", Instant.now().plusSeconds(60)))))
                .isEqualTo(401);
        assertThat(WsClient.handshakeStatus(edge, Map.of("Authorization", "Bearer " + Tokens.forUser(
                STACK.stack().jwtSecret(), "late", Instant.now().minusSeconds(60))))).as("expired").isEqualTo(401);
    }

    @Test
    void shouldCloseAConnectionWhenItsTokenExpires() {
        Map<String, String> shortLived = Map.of("Authorization", "Bearer " + Tokens.forUser(STACK.stack().jwtSecret(),
                "brief", Instant.now().plusSeconds(3)));
        try (WsClient client = WsClient.connect(STACK.subscribeUrl(1), shortLived)) {
            client.send(subscribe(1, 1));

            assertThat(client.awaitClose()).isEqualTo(new WsClient.CloseStatus(4003, "token expired"));
        }
    }

    @Test
    void shouldRefuseALookupWithoutTheInternalSecret() {
        URI processor = STACK.stack().processorUrl();

        assertThat(new ProcessorEndpoints(processor, null).lookupStatus("todolist.Task")).isEqualTo(401);
        assertThat(new ProcessorEndpoints(processor, "not-the-secret-of-this-stack").lookupStatus("todolist.Task"))
                .isEqualTo(401);
        assertThat(ProcessorEndpoints.of(STACK.stack()).lookupStatus("todolist.Task")).isIn(200, 404);
        assertThat(Json.write(Json.NODES.stringNode(STACK.stack().internalSecret()))).hasSizeGreaterThan(16);
    }
}
