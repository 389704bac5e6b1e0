package io.restlive.edge.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EdgeHeartbeatsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null,
            new ByteArraySerializer(), new ByteArraySerializer());
    private final EdgeSession session = started("edge-1");
    private final ReadPositions positions = new ReadPositions(2);
    private final GroupCommands commands = new GroupCommands(producer, new SubscriptionRecords("subs", 2), session);
    private final LocalGroups groups = new LocalGroups(commands, positions, Duration.ofSeconds(1));
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final EdgeHeartbeats heartbeats = new EdgeHeartbeats(producer, "beats", session, INTERVAL, groups,
            commands, positions::knowsEveryTask, clock::get);

    private static EdgeSession started(String edgeId) {
        EdgeSession session = EdgeSession.start(edgeId);
        session.useSlot(3);
        return session;
    }

    @AfterEach
    void stop() {
        heartbeats.close();
    }

    @Test
    void shouldAnnounceTheSessionAndItsSlotBeforeAnyJoin() throws IOException {
        // when
        heartbeats.start();
        groups.join("g1", spec("list"), null, null, List.of());

        // then: first the heartbeat of the session, then its start on every partition, then the join under it
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsExactly("beats", "subs", "subs", "subs", "subs");
        assertThat(key(sent.get(0))).isEqualTo(session.id()).startsWith("edge-1#");
        assertThat(AvroCodecs.decodeHeartbeat(sent.get(0).value()).getIntervalMs()).isEqualTo(10_000);
        assertThat(AvroCodecs.decodeHeartbeat(sent.get(0).value()).getSlot()).isEqualTo(3);
        assertThat(sent.subList(1, 3)).extracting(this::key, ProducerRecord::partition).containsExactly(
                org.assertj.core.groups.Tuple.tuple("~edge|" + session.id(), 0),
                org.assertj.core.groups.Tuple.tuple("~edge|" + session.id(), 1));
        assertThat(AvroCodecs.decodeControl(sent.get(1).value()).getSlot()).isEqualTo(3);
        assertThat(sent.subList(3, 5)).extracting(this::key).containsOnly("g1|" + session.id());
    }

    @Test
    void shouldAnnounceTheSessionAgainUntilEveryTaskToldItsPosition() {
        // given
        heartbeats.start();
        producer.clear();

        // when: a beat while task 1 has not answered
        positions.advance(new io.restlive.schemas.TaskPosition(0, 5, 0L));
        clock.addAndGet(INTERVAL.toMillis());
        heartbeats.beat();

        // then
        assertThat(producer.history()).extracting(this::key).containsExactly(session.id(), "~edge|" + session.id(),
                "~edge|" + session.id());

        // when: both tasks answered
        positions.advance(new io.restlive.schemas.TaskPosition(1, 5, 0L));
        producer.clear();
        clock.addAndGet(INTERVAL.toMillis());
        heartbeats.beat();

        // then
        assertThat(producer.history()).extracting(this::key).containsExactly(session.id());
    }

    @Test
    void shouldKeepTheSessionWhileHeartbeatsArriveOnTime() {
        // given
        heartbeats.start();
        positions.advance(new io.restlive.schemas.TaskPosition(0, 5, 0L));
        positions.advance(new io.restlive.schemas.TaskPosition(1, 5, 0L));
        producer.clear();
        String first = session.id();

        // when
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(INTERVAL.toMillis());
            heartbeats.beat();
        }

        // then
        assertThat(session.id()).isEqualTo(first);
        assertThat(producer.history()).extracting(this::key).containsOnly(first);
    }

    @Test
    void shouldRenewTheSessionAndRejoinItsGroupsAfterAGap() {
        // given: an edge holding two groups
        heartbeats.start();
        groups.join("g1", spec("list"), null, null, List.of());
        groups.join("g2", spec("retrieve"), null, null, List.of());
        String old = session.id();
        producer.clear();

        // when: the next acknowledged heartbeat comes three intervals after the last one
        clock.addAndGet(3 * INTERVAL.toMillis());
        heartbeats.beat();

        // then: a heartbeat and start of the new session, joins under it, tombstones of the old pairs (the list
        // group's on both partitions, the retrieve group's on its entity's)
        String renewed = session.id();
        assertThat(renewed).isNotEqualTo(old).startsWith("edge-1#");
        assertThat(session.isMine(old)).isTrue();
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(key(sent.get(0))).isEqualTo(old);
        assertThat(key(sent.get(1))).isEqualTo(renewed);
        assertThat(sent.get(1).topic()).isEqualTo("beats");
        assertThat(sent.subList(2, 4)).extracting(this::key).containsOnly("~edge|" + renewed);
        assertThat(sent.subList(4, sent.size())).extracting(this::key, r -> r.value() == null).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("g1|" + renewed, false),
                org.assertj.core.groups.Tuple.tuple("g1|" + renewed, false),
                org.assertj.core.groups.Tuple.tuple("g2|" + renewed, false),
                org.assertj.core.groups.Tuple.tuple("g1|" + old, true),
                org.assertj.core.groups.Tuple.tuple("g1|" + old, true),
                org.assertj.core.groups.Tuple.tuple("g2|" + old, true));
    }

    @Test
    void shouldRejoinFromWhatWasReadBeforeTheLastHeartbeatThatReachedTheBroker() throws IOException {
        // given: a heartbeat acknowledged after the edge had read (5, 10); the edge then reads on to (9, 20)
        positions.advance(new io.restlive.schemas.TaskPosition(0, 7, 5L));
        positions.advance(new io.restlive.schemas.TaskPosition(1, 7, 10L));
        heartbeats.start();
        groups.join("g1", spec("list"), null, null, List.of());
        positions.advance(new io.restlive.schemas.TaskPosition(0, 7, 9L));
        positions.advance(new io.restlive.schemas.TaskPosition(1, 7, 20L));
        producer.clear();

        // when: the next acknowledged heartbeat comes after a gap (the processor may have expired the session
        // at any moment after the last one, and stopped sending its frames)
        clock.addAndGet(3 * INTERVAL.toMillis());
        heartbeats.beat();

        // then: the groups are joined again from (5, 10), so what the session missed is replayed
        ProducerRecord<byte[], byte[]> rejoinRecord = producer.history().stream()
                .filter(r -> key(r).equals("g1|" + session.id()) && r.value() != null)
                .findFirst().orElseThrow();
        SubscriptionCommand rejoin = AvroCodecs.decodeCommand(rejoinRecord.value());
        assertThat(rejoin.getCut()).containsExactly(new io.restlive.schemas.TaskPosition(0, 7, 5L),
                new io.restlive.schemas.TaskPosition(1, 7, 10L));
    }

    @Test
    void shouldRenewTheSessionFromThePositionsReadWhenTheProcessorSaysItExpiredIt() {
        // given: a session holding a group, its heartbeats fine
        heartbeats.start();
        groups.join("g1", spec("list"), null, null, List.of());
        String old = session.id();
        producer.clear();
        List<io.restlive.schemas.TaskPosition> read = List.of(new io.restlive.schemas.TaskPosition(0, 7, 30L),
                new io.restlive.schemas.TaskPosition(1, 7, 40L));

        // when: a task's EXPIRED notice for it is read, twice (every task sends one)
        groups.sessionExpired(old, read);
        groups.sessionExpired(old, read);

        // then: one renewal, rejoining from the positions read then
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !session.id().equals(old) && producer.history().stream()
                        .anyMatch(r -> key(r).equals("g1|" + session.id()) && r.value() != null));
        String renewed = session.id();
        ProducerRecord<byte[], byte[]> rejoin = producer.history().stream()
                .filter(r -> key(r).equals("g1|" + renewed) && r.value() != null).findFirst().orElseThrow();
        assertThat(decode(rejoin).getCut()).isEqualTo(read);
        assertThat(producer.history()).extracting(this::key).filteredOn(k -> k.startsWith("~edge|"))
                .containsOnly("~edge|" + renewed);
    }

    private static SubscriptionCommand decode(ProducerRecord<byte[], byte[]> record) {
        try {
            return AvroCodecs.decodeCommand(record.value());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldStartANewSessionPerProcess() {
        assertThat(EdgeSession.start("edge-1").id()).isNotEqualTo(EdgeSession.start("edge-1").id());
    }

    private String key(ProducerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static GroupSpec spec(String action) {
        return GroupSpec.newBuilder().setView("tasks").setModel("todolist.Task").setAction(action)
                .setTargetPk("retrieve".equals(action) ? "1" : null).build();
    }
}
