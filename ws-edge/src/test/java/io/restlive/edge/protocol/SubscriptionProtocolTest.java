package io.restlive.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.core.views.EntityState;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.fanout.BroadcastDelivery;
import io.restlive.edge.fanout.SlotRecords;
import io.restlive.edge.groups.EdgeSession;
import io.restlive.edge.groups.GroupCommands;
import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.groups.ReadPositions;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import io.restlive.schemas.TaskPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SubscriptionProtocolTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
                queryset: "!has(params.search) || instance.text.contains(params.search)"
                object-permission: "!has(instance.secret) || user.authenticated"
              - name: private
                model: todolist.List
                permission: "user.authenticated"
            endpoints:
              - path: /ws/subscribe/
                views: [tasks, private]
            """, "test");

    /** Fake processor store: pk → instance. */
    private final Map<String, String> store = new HashMap<>(Map.of(
            "1", "{\"id\":1,\"text\":\"milk\",\"done\":false}",
            "2", "{\"id\":2,\"text\":\"top secret\",\"secret\":true}"));
    private final List<String> sent = new ArrayList<>();
    private final MockProducer<byte[], byte[]> commands = new MockProducer<>(true, null,
            new ByteArraySerializer(), new ByteArraySerializer());
    private final ReadPositions positions = new ReadPositions(1);
    private final LocalGroups groups = new LocalGroups(new GroupCommands(commands,
            new SubscriptionRecords("subs", 1), EdgeSession.fixed("edge-1")), positions, Duration.ofSeconds(1));

    private final InstanceLookup lookup = (model, field, value) -> Optional.ofNullable(store.get(value.asString()))
            .map(text -> new InstanceLookup.Found(new EntityState(Json.NODES.numberNode(Long.parseLong(value.asString())),
                    Json.parseObject(text))));
    private final SubscriptionProtocol protocol = new SubscriptionProtocol(lookup, groups);
    private final Connection connection = new Connection("c1", LiveUser.ANONYMOUS,
            VIEWS.endpoint("/ws/subscribe/").orElseThrow(), sent::add);

    /** Groups this edge announced, by key, in order. */
    private Map<String, GroupSpec> joined() {
        Map<String, GroupSpec> joined = new LinkedHashMap<>();
        for (ProducerRecord<byte[], byte[]> record : commands.history()) {
            if (record.value() != null) {
                try {
                    SubscriptionCommand command = AvroCodecs.decodeCommand(record.value());
                    joined.put(command.getGroupKey(), command.getSpec());
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return joined;
    }

    private JsonNode lastFrame() {
        return Json.parse(sent.get(sent.size() - 1));
    }

    private void send(String frame) {
        protocol.onText(connection, frame);
    }

    @Test
    void shouldSubscribeSilently() {
        send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\"}");

        assertThat(sent).isEmpty();
        assertThat(joined()).hasSize(1);
    }

    @Test
    void shouldAnswerEveryErrorWithTheOriginalsCodeAndText() {
        send("{\"type\":\"subscribe\",\"id\":1}");
        assertThat(sent.get(0)).isEqualTo("{\"type\":\"error\",\"id\":1,\"code\":400,\"message\":\"No model specified.\"}");
        send("{\"type\":\"subscribe\",\"id\":2,\"model\":\"todolist.Nope\",\"action\":\"list\"}");
        assertThat(lastFrame().get("code").asInt()).isEqualTo(404);
        assertThat(lastFrame().get("message").asString()).isEqualTo("Model todolist.Nope not registered for realtime updates.");
        send("{\"type\":\"subscribe\",\"id\":3,\"model\":\"todolist.Task\",\"action\":\"create\"}");
        assertThat(lastFrame().get("message").asString())
                .isEqualTo("`action` must be present and the value must be either `list` or `retrieve`.");
        send("{\"type\":\"unsubscribe\",\"id\":9}");
        assertThat(lastFrame().get("message").asString()).isEqualTo("Attempted to unsubscribe for request ID before subscribing.");
        send("{\"id\":4}");
        assertThat(lastFrame().get("message").asString()).isEqualTo("unknown message type `None`.");
        send("{\"type\":\"nope\",\"id\":5}");
        assertThat(lastFrame().get("message").asString()).isEqualTo("unknown message type `nope`.");
        assertThat(sent).allSatisfy(frame -> assertThat(Json.parse(frame).has("model")).isFalse());
        assertThat(joined()).as("an invalid action subscribes nothing").isEmpty();
    }

    @Test
    void shouldJoinAGroupOnceWithThePositionsReadWhenItsFirstSubscriberWasAccepted() throws Exception {
        // given: the edge has read task 0 up to seq 41
        positions.advance(new TaskPosition(0, 3, 41L));

        // when: two subscribers of one group
        send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\"}");
        send("{\"type\":\"subscribe\",\"id\":2,\"model\":\"todolist.Task\",\"action\":\"list\"}");

        // then: one join, live from what was read
        assertThat(commands.history()).singleElement().satisfies(record -> {
            SubscriptionCommand join = AvroCodecs.decodeCommand(record.value());
            assertThat(join.getCut()).containsExactly(new TaskPosition(0, 3, 41L));
            assertThat(join.getSlot()).isEqualTo(-1);
        });
    }

    @Test
    void shouldCheckNotFoundBeforeForbiddenForRetrieve() {
        send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":99}");
        assertThat(lastFrame().get("code").asInt()).isEqualTo(404);
        assertThat(lastFrame().get("message").asString()).isEqualTo("Instance not found. Make sure 'lookup_by' is set to a valid ID");

        send("{\"type\":\"subscribe\",\"id\":2,\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":2}");
        assertThat(lastFrame().get("code").asInt()).isEqualTo(403);
        assertThat(lastFrame().get("message").asString()).isEqualTo("Unauthorized to subscribe to todolist.Task for action retrieve");

        send("{\"type\":\"subscribe\",\"id\":3,\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":1,"
                + "\"query_params\":{\"search\":\"bread\"}}");
        assertThat(lastFrame().get("code").asInt()).as("outside the queryset is not found").isEqualTo(404);
        assertThat(joined()).isEmpty();
    }

    @Test
    void shouldPinTheRetrieveTargetPk() {
        send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"retrieve\",\"lookup_by\":\"1\"}");

        assertThat(sent).isEmpty();
        assertThat(joined().values()).singleElement().extracting(GroupSpec::getTargetPk).isEqualTo("1");
    }

    @Test
    void shouldForbidAListWithoutPermission() {
        send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.List\",\"action\":\"list\"}");

        assertThat(lastFrame().get("message").asString()).isEqualTo("Unauthorized to subscribe to todolist.List for action list");
    }

    @Test
    void shouldKeepTheConnectionUsableAfterBadInput() {
        send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\"}");
        send("not json");
        send("[1,2]");
        send("{\"type\":\"subscribe\",\"model\":\"todolist.Task\"}");
        send("{\"type\":\"subscribe\",\"id\":2,\"model\":\"todolist.Task\",\"action\":\"list\",\"query_params\":{\"a\":null}}");
        send("{\"type\":\"subscribe\",\"id\":1.0,\"model\":\"todolist.Task\",\"action\":\"list\"}");
        protocol.onBinary(connection);

        assertThat(sent).extracting(f -> Json.parse(f).get("code").asInt()).containsExactly(400, 400, 400, 400, 409, 400);
        assertThat(Json.parse(sent.get(2)).get("id").isNull()).as("no id → id null").isTrue();
        assertThat(connection.subscription(Json.NODES.numberNode(1))).as("first subscription intact").isNotNull();
    }

    @Test
    void shouldEchoIdsVerbatimWithTheirJsonType() {
        send("{\"type\":\"unsubscribe\",\"id\":\"str-id\"}");
        send("{\"type\":\"unsubscribe\",\"id\":0}");

        assertThat(sent.get(0)).contains("\"id\":\"str-id\"");
        assertThat(sent.get(1)).contains("\"id\":0,");
    }

    @Test
    void shouldDeliverOneChangesFramesInSubscriptionOrderAndStopAfterUnsubscribe() {
        send("{\"type\":\"subscribe\",\"id\":\"b\",\"model\":\"todolist.Task\",\"action\":\"list\",\"query_params\":{\"search\":\"zzz\"}}");
        send("{\"type\":\"subscribe\",\"id\":\"a\",\"model\":\"todolist.Task\",\"action\":\"list\"}");
        List<String> keys = new ArrayList<>(joined().keySet());
        String filtered = joined().entrySet().stream().filter(e -> e.getValue().getParams().contains("zzz")).findFirst().orElseThrow().getKey();
        String all = keys.stream().filter(k -> !k.equals(filtered)).findFirst().orElseThrow();
        BroadcastDelivery delivery = new BroadcastDelivery(groups, positions);
        delivery.deliver(SlotRecords.notice(0, 1, "edge-1", all));
        delivery.deliver(SlotRecords.notice(0, 1, "edge-1", filtered));

        delivery.deliver(SlotRecords.live(0, 2, "{\"id\":1}", all, filtered));

        assertThat(sent).extracting(f -> Json.parse(f).get("id").asString()).containsExactly("b", "a");
        assertThat(Json.parse(sent.get(1))).isEqualTo(Json.parse(
                "{\"type\":\"broadcast\",\"id\":\"a\",\"model\":\"todolist.Task\",\"action\":\"UPDATED\",\"instance\":{\"id\":1}}"));

        send("{\"type\":\"unsubscribe\",\"id\":\"a\"}");
        assertThat(commands.history().get(commands.history().size() - 1).value()).as("tombstone").isNull();
        sent.clear();
        delivery.deliver(SlotRecords.live(0, 3, "{\"id\":1}", all));
        assertThat(sent).isEmpty();
    }
}
