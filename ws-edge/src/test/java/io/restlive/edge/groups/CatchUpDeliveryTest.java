package io.restlive.edge.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.edge.fanout.BroadcastDelivery;
import io.restlive.edge.protocol.Connection;
import io.restlive.edge.protocol.SeenInstance;
import io.restlive.edge.protocol.Subscription;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.ChangeBroadcast;
import io.restlive.schemas.GroupBroadcast;
import io.restlive.schemas.GroupSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Who receives a catch-up: the one retrieve subscriber waiting under its key, and only while it waits. */
class CatchUpDeliveryTest {

    private static final String GROUP = "0123abcd";
    private static final SeenInstance SEEN = new SeenInstance("digest-1", "{\"pk\":1,\"id\":1}");

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null,
            new ByteArraySerializer(), new ByteArraySerializer());
    private final AtomicLong nanos = new AtomicLong();
    private final LocalGroups groups = new LocalGroups(new GroupCommands(producer, "subs", "edge-1"),
            Duration.ofSeconds(1), nanos::get);
    private final BroadcastDelivery delivery = new BroadcastDelivery(groups);
    private final List<String> firstFrames = new ArrayList<>();
    private final List<String> secondFrames = new ArrayList<>();
    private final Connection first = new Connection("c1", LiveUser.ANONYMOUS, null, firstFrames::add);
    private final Connection second = new Connection("c2", LiveUser.ANONYMOUS, null, secondFrames::add);
    private final Subscription firstSubscription = subscription(1);
    private final Subscription secondSubscription = subscription(2);

    @Test
    void shouldDeliverACatchUpToTheSubscriberItIsForAndToNoOtherMember() throws Exception {
        // given: the first subscriber is live; the second joins, saying what it saw
        groups.join(GROUP, spec(), first, firstSubscription, null);
        groups.join(GROUP, spec(), second, secondSubscription, SEEN);

        // when
        delivery.deliver(broadcast(catchUpKey(), BroadcastAction.UPDATED, "{\"id\":1,\"text\":\"Oat milk\"}"));

        // then
        assertThat(firstFrames).isEmpty();
        assertThat(secondFrames).singleElement().satisfies(frame -> assertThat(Json.parse(frame)).isEqualTo(Json.parse(
                "{\"type\":\"broadcast\",\"id\":2,\"model\":\"todolist.Task\",\"action\":\"UPDATED\","
                        + "\"instance\":{\"id\":1,\"text\":\"Oat milk\"}}")));
        assertThat(groups.waitingForCatchUp()).isZero();
    }

    @Test
    void shouldDropACatchUpThatRepeatsTheGroupsLastFrame() throws Exception {
        // given
        groups.join(GROUP, spec(), second, secondSubscription, SEEN);
        String key = catchUpKey();

        // when: the group's own DELETED reaches the subscriber first, then the catch-up's
        delivery.deliver(broadcast(GROUP, BroadcastAction.DELETED, "{\"pk\":1,\"id\":1}"));
        delivery.deliver(broadcast(key, BroadcastAction.DELETED, "{\"pk\":1,\"id\":1}"));

        // then: one DELETED, not two
        assertThat(secondFrames).hasSize(1);
        assertThat(groups.waitingForCatchUp()).isZero();
    }

    @Test
    void shouldDropACatchUpShowingTheStateTheGroupsLastFrameShowed() throws Exception {
        // given: a change evaluated with the group (live through another member) before the request
        groups.join(GROUP, spec(), first, firstSubscription, null);
        groups.join(GROUP, spec(), second, secondSubscription, SEEN);
        String key = catchUpKey();

        // when
        delivery.deliver(broadcast(GROUP, BroadcastAction.UPDATED, "{\"id\":1,\"text\":\"Oat milk\"}"));
        delivery.deliver(broadcast(key, BroadcastAction.UPDATED, "{\"id\":1,\"text\":\"Oat milk\"}"));

        // then: the change once
        assertThat(secondFrames).hasSize(1);
    }

    @Test
    void shouldDeliverACatchUpOfAStateTheGroupsFramesDidNotShow() throws Exception {
        // given: the subscriber got an earlier change through its group, which then left the processor's
        // index for a moment (its last other edge left) while a later change was processed
        groups.join(GROUP, spec(), first, firstSubscription, null);
        groups.join(GROUP, spec(), second, secondSubscription, SEEN);
        String key = catchUpKey();
        delivery.deliver(broadcast(GROUP, BroadcastAction.UPDATED, "{\"id\":1,\"text\":\"Oat milk\"}"));

        // when
        delivery.deliver(broadcast(key, BroadcastAction.UPDATED, "{\"id\":1,\"text\":\"Rice milk\"}"));

        // then: the missed state arrives, to that subscriber only
        assertThat(secondFrames).hasSize(2);
        assertThat(Json.parse(secondFrames.get(1)).get("instance").get("text").asString()).isEqualTo("Rice milk");
        assertThat(firstFrames).hasSize(1);
    }

    @Test
    void shouldNotDeliverACatchUpAfterTheSubscriptionEnded() throws Exception {
        // given
        groups.join(GROUP, spec(), second, secondSubscription, SEEN);
        String key = catchUpKey();

        // when
        groups.leave(GROUP, second, secondSubscription);
        delivery.deliver(broadcast(key, BroadcastAction.UPDATED, "{\"id\":1}"));

        // then
        assertThat(secondFrames).isEmpty();
    }

    @Test
    void shouldStopWaitingAfterTheProcessorsMaximumAge() throws Exception {
        // given
        groups.join(GROUP, spec(), second, secondSubscription, SEEN);
        String key = catchUpKey();

        // when
        nanos.addAndGet(CatchUpWaiters.MAX_WAIT.plusSeconds(1).toNanos());
        delivery.deliver(broadcast(key, BroadcastAction.UPDATED, "{\"id\":1}"));

        // then
        assertThat(secondFrames).isEmpty();
        assertThat(groups.waitingForCatchUp()).isZero();
    }

    @Test
    void shouldForgetExpiredWaitsWhenNewOnesArrive() {
        // given: many subscribers whose instance did not change: the processor sends them nothing
        for (int i = 0; i < 100; i++) {
            groups.join(GROUP, spec(), first, subscription(10 + i), SEEN);
        }

        // when
        nanos.addAndGet(CatchUpWaiters.MAX_WAIT.plusSeconds(1).toNanos());
        groups.join(GROUP, spec(), second, secondSubscription, SEEN);

        // then
        assertThat(groups.waitingForCatchUp()).isEqualTo(1);
    }

    private String catchUpKey() throws Exception {
        var history = producer.history();
        return AvroCodecs.decodeCommand(history.get(history.size() - 1).value()).getCatchUp().getKey();
    }

    private static Subscription subscription(long id) {
        return new Subscription(Json.NODES.numberNode(id), Long.toString(id), id, GROUP);
    }

    private static GroupSpec spec() {
        return GroupSpec.newBuilder().setView("tasks").setModel("todolist.Task").setAction("retrieve")
                .setTargetPk("1").build();
    }

    private static ChangeBroadcast broadcast(String key, BroadcastAction action, String instance) {
        return ChangeBroadcast.newBuilder().setModel("todolist.Task").setPk("1").setTs(Instant.EPOCH)
                .setGroups(List.of(GroupBroadcast.newBuilder().setGroupKey(key).setAction(action)
                        .setInstance(instance).build()))
                .build();
    }
}
