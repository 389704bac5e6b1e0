package io.restlive.edge.fanout;

import static io.restlive.edge.fanout.SlotRecords.EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.ViewsFile;
import io.restlive.edge.groups.EdgeSession;
import io.restlive.edge.groups.GroupCommands;
import io.restlive.edge.groups.LocalGroups;
import io.restlive.edge.groups.ReadPositions;
import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.InstanceLookup;
import io.restlive.edge.protocol.SubscriptionProtocol;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.FrameEntry;
import io.restlive.schemas.SubscriptionCommand;
import io.restlive.schemas.TaskPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a subscriber receives of its slot: nothing of a group's live frames before its task applied this
 * edge's join, the replay of what happened since its acceptance, each change once, in subscription order.
 */
class BroadcastDeliveryTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
                queryset: "!has(params.search) || instance.text.contains(params.search)"
            """, "test");
    private static final String SESSION = "edge-1#s1";

    private final List<String> sent = new ArrayList<>();
    private final ReadPositions positions = new ReadPositions(2);
    private final EdgeSession session = EdgeSession.fixed(SESSION);
    private final MockProducer<byte[], byte[]> commandsProducer = new MockProducer<>(true, null,
            new ByteArraySerializer(), new ByteArraySerializer());
    private final LocalGroups groups = new LocalGroups(new GroupCommands(commandsProducer,
            new SubscriptionRecords("subs", 2), session), positions, Duration.ofSeconds(1));
    private final SubscriptionProtocol protocol = new SubscriptionProtocol((model, field, value) ->
            Optional.<InstanceLookup.Found>empty(), groups);
    private final BroadcastDelivery delivery = new BroadcastDelivery(groups, positions);
    private final Connection connection = new Connection("c1", LiveUser.ANONYMOUS,
            VIEWS.endpoints().get(0), sent::add);

    @BeforeEach
    void readTasks() {
        delivery.deliver(SlotRecords.marker(0, 10));
        delivery.deliver(SlotRecords.marker(1, 20));
    }

    @Test
    void shouldDeliverTheReplayThenTheLiveFramesAndNothingOfTheTaskBeforeItsNotice() {
        // given: a subscriber accepted at (10, 20)
        String group = subscribe(1, "");

        // when: another edge on this slot holds the group, so live frames of it arrive before this edge's join is
        // applied; then the replay of what happened since acceptance, the notice, and live frames
        delivery.deliver(SlotRecords.live(0, 12, instance("early"), group));
        delivery.deliver(SlotRecords.replayed(0, 11, instance("r11"), SESSION, group));
        delivery.deliver(SlotRecords.replayed(0, 12, instance("r12"), SESSION, group));
        delivery.deliver(SlotRecords.notice(0, 13, SESSION, group));
        delivery.deliver(SlotRecords.live(0, 14, instance("live"), group));

        // then
        assertThat(texts()).containsExactly("r11", "r12", "live");
    }

    @Test
    void shouldNotReplayToASubscriberWhatHappenedBeforeItWasAccepted() {
        // given: a first subscriber at (10, 20); the edge reads further; a second one of the group at (15, 20)
        String group = subscribe(1, "");
        delivery.deliver(SlotRecords.marker(0, 15));
        subscribe(2, "");

        // when: the join's replay from the first subscriber's cut
        delivery.deliver(SlotRecords.replayed(0, 13, instance("r13"), SESSION, group));
        delivery.deliver(SlotRecords.replayed(0, 16, instance("r16"), SESSION, group));

        // then
        assertThat(sent).extracting(f -> Json.parse(f).get("id").asInt() + ":" + text(f))
                .containsExactly("1:r13", "1:r16", "2:r16");
    }

    @Test
    void shouldDeliverAChangeOnceWhenARenewedSessionsReplayRepeatsIt() {
        // given: a live group that received seq 12
        String group = subscribe(1, "");
        delivery.deliver(SlotRecords.notice(0, 10, SESSION, group));
        delivery.deliver(SlotRecords.live(0, 12, instance("a"), group));

        // when: the session is renewed and the rejoin replays from an older cut
        delivery.deliver(SlotRecords.replayed(0, 11, instance("a-again"), SESSION, group));
        delivery.deliver(SlotRecords.replayed(0, 12, instance("a-again"), SESSION, group));
        delivery.deliver(SlotRecords.replayed(0, 13, instance("missed"), SESSION, group));

        // then
        assertThat(texts()).containsExactly("a", "missed");
    }

    @Test
    void shouldIgnoreFramesAndNoticesAddressedToAnotherEdgeOnTheSlot() {
        // given
        String group = subscribe(1, "");

        // when
        delivery.deliver(SlotRecords.notice(0, 11, "edge-2#x", group));
        delivery.deliver(SlotRecords.replayed(0, 12, instance("theirs"), "edge-2#x", group));
        delivery.deliver(SlotRecords.live(0, 13, instance("not live here yet"), group));

        // then
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldDeliverAChangeSplitIntoPartsTogetherInSubscriptionOrder() {
        // given: subscription "b" (filtered to 'x') made before "a" (everything)
        String filtered = subscribe("\"b\"", "x");
        String all = subscribe("\"a\"", "");
        delivery.deliver(SlotRecords.notice(0, 11, SESSION, filtered));
        delivery.deliver(SlotRecords.notice(0, 11, SESSION, all));

        // when: the change's entries come in two parts, "a"'s first
        delivery.deliver(SlotRecords.part(0, 12, 0, false, List.of(instance("x")),
                List.of(new FrameEntry(all, BroadcastAction.CREATED, 0, null))));
        assertThat(sent).isEmpty();
        delivery.deliver(SlotRecords.part(0, 12, 1, true, List.of(instance("x")),
                List.of(new FrameEntry(filtered, BroadcastAction.CREATED, 0, null))));

        // then
        assertThat(sent).extracting(f -> Json.parse(f).get("id").asString()).containsExactly("b", "a");
    }

    @Test
    void shouldReportAnExpiryOfTheCurrentSessionWithThePositionsReadThen() {
        // given
        List<Object> expired = new ArrayList<>();
        groups.onExpiry((session, read) -> expired.add(session + " " + read.size() + " " + read.get(0).getSeq()));

        // when: a task says it expired this edge's session at 12, and another its earlier one
        delivery.deliver(io.restlive.schemas.EdgeBroadcast.newBuilder().setPosition(new TaskPosition(0, EPOCH, 12L))
                .setChange(null).setNotices(List.of(new io.restlive.schemas.Notice(SESSION, "",
                        io.restlive.schemas.NoticeKind.EXPIRED, null))).build());
        delivery.deliver(io.restlive.schemas.EdgeBroadcast.newBuilder().setPosition(new TaskPosition(1, EPOCH, 21L))
                .setChange(null).setNotices(List.of(new io.restlive.schemas.Notice("edge-1#gone", "",
                        io.restlive.schemas.NoticeKind.EXPIRED, null))).build());

        // then
        assertThat(expired).containsExactly(SESSION + " 2 12");
    }

    @Test
    void shouldMoveTheReadPositionsWithEveryRecord() {
        delivery.deliver(SlotRecords.live(1, 25, instance("x"), "no-such-group"));

        assertThat(positions.snapshot()).containsExactly(new TaskPosition(0, EPOCH, 10L), new TaskPosition(1, EPOCH, 25L));
    }

    private String subscribe(Object id, String search) {
        String params = search.isEmpty() ? "" : ",\"query_params\":{\"search\":\"" + search + "\"}";
        protocol.onText(connection, "{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"todolist.Task\","
                + "\"action\":\"list\"" + params + "}");
        return connection.subscription(Json.parse(String.valueOf(id))).groupKey();
    }

    private static String instance(String text) {
        return "{\"id\":1,\"text\":\"" + text + "\"}";
    }

    private List<String> texts() {
        return sent.stream().map(BroadcastDeliveryTest::text).toList();
    }

    private static String text(String frame) {
        return Json.parse(frame).get("instance").get("text").asString();
    }

    @Test
    void shouldCatchUpASubscriberThatJoinsALiveGroupAfterFramesPassedItsCut() throws Exception {
        // given: a live group that has delivered seq 12 of task 0
        String group = subscribe(1, "");
        delivery.deliver(SlotRecords.notice(0, 10, SESSION, group));
        delivery.deliver(SlotRecords.live(0, 12, instance("a"), group));
        sent.clear();
        producer().clear();

        // when: a subscriber whose subscribe arrived at seq 10 (before frame 12) is added only now, as a
        // retrieve would be after its lookup
        List<TaskPosition> cut = List.of(new TaskPosition(0, EPOCH, 10L), new TaskPosition(1, EPOCH, 20L));
        groups.join(group, groups.group(group).spec(), connection, connection.subscription(Json.parse("1")), cut);

        // then: it catches up on its own, addressed to its key, from its cut
        SubscriptionCommand catchUp = AvroCodecs.decodeCommand(producer().history().get(0).value());
        assertThat(catchUp.getTarget()).startsWith(SESSION + "~");
        assertThat(catchUp.getCut()).isEqualTo(cut);

        // when: a live frame arrives before its replay, then the replay, then its notice
        delivery.deliver(SlotRecords.live(0, 14, instance("b"), group));
        delivery.deliver(SlotRecords.replayed(0, 12, instance("a"), catchUp.getTarget(), group));
        delivery.deliver(SlotRecords.replayed(0, 14, instance("b"), catchUp.getTarget(), group));
        delivery.deliver(SlotRecords.notice(0, 15, catchUp.getTarget(), group));
        delivery.deliver(SlotRecords.live(0, 16, instance("c"), group));

        // then: the earlier member got b and c; the new one a, b (once) and c, in order
        assertThat(sent).extracting(BroadcastDeliveryTest::text).containsExactly("b", "a", "b", "c", "c");
    }

    private MockProducer<byte[], byte[]> producer() {
        return commandsProducer;
    }
}
