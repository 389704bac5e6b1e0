package io.restlive.edge.fanout;

import static io.restlive.edge.fanout.SlotRecords.EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.internalapi.SnapshotMembers;
import io.restlive.core.json.Json;
import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.groups.EdgeSession;
import io.restlive.edge.groups.GroupCommands;
import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.groups.ReadPositions;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.InstanceLookup;
import io.restlive.edge.protocol.SubscriptionLimits;
import io.restlive.edge.protocol.SubscriptionProtocol;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.Notice;
import io.restlive.schemas.NoticeKind;
import io.restlive.schemas.TaskPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a protocol v2 subscriber receives: its snapshot first, {@code subscribed} once every task of its group
 * is live for it, frames with versions and positions, none the snapshot already showed, and {@code reset}
 * when a task could not replay what it missed.
 */
class ProtocolV2DeliveryTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
            """, "test");
    private static final String SESSION = "edge-1#s1";

    private final List<String> sent = new ArrayList<>();
    private final ReadPositions positions = new ReadPositions(2);
    private final MockProducer<byte[], byte[]> commandsProducer = new MockProducer<>(true, null,
            new ByteArraySerializer(), new ByteArraySerializer());
    private final LocalGroups groups = new LocalGroups(new GroupCommands(commandsProducer,
            new SubscriptionRecords("subs", 2), EdgeSession.fixed(SESSION)), positions, Duration.ofSeconds(1));
    private final SnapshotMembers snapshot = new SnapshotMembers(1,
            List.of(new SnapshotMembers.Item("1", Json.parse("{\"id\":1,\"text\":\"snap\"}"), 12)));
    private final SubscriptionProtocol protocol = new SubscriptionProtocol((model, field, value) ->
            Optional.<InstanceLookup.Found>empty(), groups, SubscriptionLimits.unlimited(), EdgeMetrics.inMemory(),
            (spec, limit) -> snapshot, 100);
    private final BroadcastDelivery delivery = new BroadcastDelivery(groups, positions);
    private final Connection connection = new Connection("c1", LiveUser.ANONYMOUS, VIEWS.endpoints().get(0),
            sent::add, true);

    @BeforeEach
    void readTasks() {
        groups.endWith(protocol);
        delivery.deliver(SlotRecords.marker(0, 10));
        delivery.deliver(SlotRecords.marker(1, 20));
    }

    @Test
    void shouldAcknowledgeOnceEveryTaskOfTheGroupIsLiveWithThePositionReadThen() {
        // given
        String group = subscribe(",\"snapshot\":false");

        // when: task 0 is live; then task 1
        delivery.deliver(SlotRecords.notice(0, 11, SESSION, group));
        assertThat(types()).isEmpty();
        delivery.deliver(SlotRecords.notice(1, 21, SESSION, group));

        // then
        assertThat(types()).containsExactly("subscribed");
        assertThat(frame(0).get("position").asString()).isEqualTo("v2:0." + EPOCH + ".11,1." + EPOCH + ".21");
    }

    @Test
    void shouldSendTheSnapshotFirstAndDropFramesItAlreadyShowed() {
        // given: a snapshot showing instance 1 at version 12
        String group = subscribe(",\"snapshot\":true");

        // when: the replay since the cut brings versions 11 to 13 of instance 1, then the notices
        delivery.deliver(SlotRecords.replayed(0, 11, "{\"id\":1,\"text\":\"r11\"}", SESSION, group));
        delivery.deliver(SlotRecords.replayed(0, 12, "{\"id\":1,\"text\":\"r12\"}", SESSION, group));
        delivery.deliver(SlotRecords.replayed(0, 13, "{\"id\":1,\"text\":\"r13\"}", SESSION, group));
        delivery.deliver(SlotRecords.notice(0, 14, SESSION, group));
        delivery.deliver(SlotRecords.notice(1, 21, SESSION, group));
        delivery.deliver(SlotRecords.live(0, 15, "{\"id\":1,\"text\":\"live\"}", group));

        // then
        assertThat(types()).containsExactly("snapshot", "broadcast", "subscribed", "broadcast");
        assertThat(frame(0).get("items").get(0).get("version").asLong()).isEqualTo(12);
        assertThat(frame(0).get("last").asBoolean()).isTrue();
        assertThat(frame(1).get("instance").get("text").asString()).isEqualTo("r13");
        assertThat(frame(1).get("version").asLong()).isEqualTo(13);
        assertThat(frame(1).get("position").asString()).isEqualTo("v2:0." + EPOCH + ".10,1." + EPOCH + ".20");
        assertThat(frame(3).get("version").asLong()).isEqualTo(15);
        assertThat(frame(3).get("position").asString()).isEqualTo("v2:0." + EPOCH + ".15,1." + EPOCH + ".21");
    }

    @Test
    void shouldResetAndEndASubscriptionATaskCouldNotReplay() {
        // given
        String group = subscribe("");

        // when
        delivery.deliver(EdgeBroadcast.newBuilder().setPosition(new TaskPosition(0, EPOCH, 11L)).setChange(null)
                .setNotices(List.of(new Notice(SESSION, group, NoticeKind.INCOMPLETE, "history trimmed"))).build());

        // then
        assertThat(types()).containsExactly("reset");
        assertThat(frame(0).get("reason").asString()).contains("history trimmed");
        assertThat(connection.subscription(Json.parse("1"))).isNull();
        assertThat(groups.group(group)).isNull();
    }

    @Test
    void shouldResetWhenATaskOfTheGroupStartsANewEpoch() {
        // given: a live v2 subscriber
        String group = subscribe("");
        delivery.deliver(SlotRecords.notice(0, 11, SESSION, group));
        delivery.deliver(SlotRecords.notice(1, 21, SESSION, group));

        // when: task 1's state was rebuilt: its positions come in another epoch
        delivery.deliver(EdgeBroadcast.newBuilder().setPosition(new TaskPosition(1, EPOCH + 1, 1L)).setChange(null)
                .setNotices(List.of()).build());

        // then
        assertThat(types()).containsExactly("subscribed", "reset");
        assertThat(connection.subscription(Json.parse("1"))).isNull();
    }

    @Test
    void shouldResumeFromAPositionAndAnswerUnsubscribe() {
        // given: a resume from task 0 at 5 (the edge has read 10)
        protocol.onText(connection, "{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\","
                + "\"resume\":\"v2:0." + EPOCH + ".5,1." + EPOCH + ".20\"}");
        String group = connection.subscription(Json.parse("1")).groupKey();

        // when: the replay from 5
        delivery.deliver(SlotRecords.replayed(0, 6, "{\"id\":1,\"text\":\"r6\"}", SESSION, group));
        protocol.onText(connection, "{\"type\":\"unsubscribe\",\"id\":1}");

        // then
        assertThat(types()).containsExactly("broadcast", "unsubscribed");
    }

    private String subscribe(String extra) {
        protocol.onText(connection, "{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\""
                + extra + "}");
        return connection.subscription(Json.parse("1")).groupKey();
    }

    private List<String> types() {
        return sent.stream().map(f -> Json.parse(f).get("type").asString()).toList();
    }

    private JsonNode frame(int index) {
        return Json.parse(sent.get(index));
    }
}
