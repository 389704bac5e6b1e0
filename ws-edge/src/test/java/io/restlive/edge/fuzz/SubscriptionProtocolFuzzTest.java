package io.restlive.edge.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.restlive.core.json.Json;
import io.restlive.core.views.EntityState;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.groups.GroupCommands;
import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.groups.Member;
import io.restlive.edge.groups.TestGroups;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.InstanceLookup;
import io.restlive.edge.protocol.SubscriptionLimits;
import io.restlive.edge.protocol.SubscriptionProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Property tests of the edge's frame handling: whatever a client sends (random and mutated frames, see
 * {@link FrameFuzzer}), the protocol never throws, answers only with documented error frames, and never
 * touches another connection's subscriptions. Seeds are fixed so a run is repeatable; set
 * {@code -Dfuzz.seed=<n>} to explore others, and a failure names the seed and frame that broke it.
 */
class SubscriptionProtocolFuzzTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
                queryset: "!has(kwargs.list) || instance.list == int(kwargs.list)"
                object-permission: "!has(instance.owner) || instance.owner == user.id"
              - name: lists
                model: todolist.List
                permission: "user.authenticated"
            endpoints:
              - path: /ws/subscribe/
                views: [tasks, lists]
            """, "fuzz");
    private static final Set<Integer> DOCUMENTED_CODES = Set.of(400, 403, 404, 409, 429, 503);
    private static final int SEEDS = 20;
    private static final int FRAMES_PER_SEED = 400;

    /** Instances 1 and 2 exist; 2 has an owner; lookup of 99 fails as if the processor were down. */
    private static final InstanceLookup LOOKUP = (model, field, value) -> {
        String key = value.isString() ? value.asString() : Json.write(value);
        return switch (key) {
            case "1" -> Optional.of(new InstanceLookup.Found(new EntityState(Json.NODES.numberNode(1),
                    Json.parseObject("{\"id\":1,\"list\":1}"))));
            case "2" -> Optional.of(new InstanceLookup.Found(new EntityState(Json.NODES.numberNode(2),
                    Json.parseObject("{\"id\":2,\"list\":1,\"owner\":\"alice\"}"))));
            case "99" -> throw new InstanceLookup.LookupUnavailableException("down", null);
            default -> Optional.empty();
        };
    };

    private static long baseSeed() {
        return Long.getLong("fuzz.seed", 20260101L);
    }

    @Test
    void shouldAnswerEveryFrameWithNothingOrADocumentedErrorFrameAndNeverThrow() {
        for (long seed = baseSeed(); seed < baseSeed() + SEEDS; seed++) {
            Fixture fixture = new Fixture();
            FrameFuzzer fuzzer = new FrameFuzzer(seed);
            for (int i = 0; i < FRAMES_PER_SEED; i++) {
                String frame = fuzzer.next();
                int before = fixture.attackerFrames.size();
                try {
                    fixture.protocol.onText(fixture.attacker, frame);
                } catch (RuntimeException e) {
                    fail("seed " + seed + ", frame " + i + " threw " + e + ": " + abbreviated(frame), e);
                }
                for (String answer : fixture.attackerFrames.subList(before, fixture.attackerFrames.size())) {
                    assertDocumentedError(answer, "seed " + seed + ", frame " + i + ": " + abbreviated(frame));
                }
                assertThat(fixture.attackerFrames.size() - before).as("seed %d frame %d: at most one answer", seed, i)
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void shouldNeverChangeAnotherConnectionsSubscriptions() {
        for (long seed = baseSeed(); seed < baseSeed() + SEEDS; seed++) {
            // given: a victim with subscriptions under ids the fuzzer also uses
            Fixture fixture = new Fixture();
            fixture.protocol.onText(fixture.victim, "{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\"}");
            fixture.protocol.onText(fixture.victim, "{\"type\":\"subscribe\",\"id\":2,\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":1}");
            Map<String, List<Member>> victimGroups = fixture.victimMemberships();
            assertThat(victimGroups).hasSize(2);

            // when
            FrameFuzzer fuzzer = new FrameFuzzer(seed);
            for (int i = 0; i < FRAMES_PER_SEED; i++) {
                fixture.protocol.onText(fixture.attacker, fuzzer.next());
            }
            fixture.protocol.onBinary(fixture.attacker);
            fixture.protocol.onClose(fixture.attacker);

            // then
            assertThat(fixture.victimFrames).as("seed %d: the victim was sent nothing", seed).isEmpty();
            assertThat(fixture.victim.subscription(Json.NODES.numberNode(1))).as("seed %d", seed).isNotNull();
            assertThat(fixture.victim.subscription(Json.NODES.numberNode(2))).as("seed %d", seed).isNotNull();
            assertThat(fixture.victimMemberships()).as("seed %d: the victim's groups", seed).isEqualTo(victimGroups);
        }
    }

    private static void assertDocumentedError(String answer, String context) {
        JsonNode frame;
        try {
            frame = Json.parse(answer);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(context + ": answer is not JSON: " + answer, e);
        }
        assertThat(frame.propertyNames()).as(context).containsExactly("type", "id", "code", "message");
        assertThat(frame.get("type").asString()).as(context).isEqualTo("error");
        assertThat(frame.get("code").asInt()).as(context).isIn(DOCUMENTED_CODES);
        assertThat(frame.get("message").isString()).as(context).isTrue();
    }

    private static String abbreviated(String frame) {
        return frame.length() <= 300 ? frame : frame.substring(0, 300) + "... (" + frame.length() + " chars)";
    }

    /** Two connections of different users on one edge's protocol, with the production limits. */
    private static final class Fixture {
        final List<String> attackerFrames = new ArrayList<>();
        final List<String> victimFrames = new ArrayList<>();
        final LocalGroups groups = TestGroups.local();
        final SubscriptionProtocol protocol = new SubscriptionProtocol(LOOKUP, groups, new SubscriptionLimits(
                new SubscriptionLimits.Settings(200, 100, 1e9, Integer.MAX_VALUE, 1024, 4096, 4096),
                EdgeMetrics.inMemory()), EdgeMetrics.inMemory());
        final Connection attacker = new Connection("attacker", LiveUser.ANONYMOUS,
                VIEWS.endpoint("/ws/subscribe/").orElseThrow(), attackerFrames::add);
        final Connection victim = new Connection("victim", new LiveUser(true, "alice", null, List.of(),
                Json.NODES.objectNode()), VIEWS.endpoint("/ws/subscribe/").orElseThrow(), victimFrames::add);

        /** The groups the victim is a member of, with their members on this edge that are the victim. */
        Map<String, List<Member>> victimMemberships() {
            Map<String, List<Member>> out = new java.util.TreeMap<>();
            for (String key : List.of(victim.subscription(Json.NODES.numberNode(1)).groupKey(),
                    victim.subscription(Json.NODES.numberNode(2)).groupKey())) {
                out.put(key, groups.members(key).stream().filter(m -> m.connection() == victim).toList());
            }
            return out;
        }
    }
}
