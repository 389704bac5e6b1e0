package io.restlive.edge.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.GroupSpec;
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
    private final EdgeSession session = EdgeSession.start("edge-1");
    private final LocalGroups groups = new LocalGroups(new GroupCommands(producer, "subs", session),
            Duration.ofSeconds(1));
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final EdgeHeartbeats heartbeats = new EdgeHeartbeats(producer, "beats", session, INTERVAL, groups,
            clock::get);

    @AfterEach
    void stop() {
        heartbeats.close();
    }

    @Test
    void shouldAnnounceTheSessionBeforeAnyJoin() throws IOException {
        // when
        heartbeats.start();
        groups.join("g1", spec("list"), null, null, null);

        // then: first the heartbeat of the session, then the join under it
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsExactly("beats", "subs");
        assertThat(key(sent.get(0))).isEqualTo(session.id()).startsWith("edge-1#");
        assertThat(AvroCodecs.decodeHeartbeat(sent.get(0).value()).getIntervalMs()).isEqualTo(10_000);
        assertThat(key(sent.get(1))).isEqualTo("g1|" + session.id());
    }

    @Test
    void shouldKeepTheSessionWhileHeartbeatsArriveOnTime() {
        // given
        heartbeats.start();
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
        groups.join("g1", spec("list"), null, null, null);
        groups.join("g2", spec("retrieve"), null, null, null);
        String old = session.id();
        producer.clear();

        // when: the next acknowledged heartbeat comes three intervals after the last one
        clock.addAndGet(3 * INTERVAL.toMillis());
        heartbeats.beat();

        // then: a heartbeat of the new session, joins under it, tombstones of the old pairs
        String renewed = session.id();
        assertThat(renewed).isNotEqualTo(old).startsWith("edge-1#");
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(key(sent.get(0))).isEqualTo(old);
        assertThat(key(sent.get(1))).isEqualTo(renewed);
        assertThat(sent.get(1).topic()).isEqualTo("beats");
        assertThat(sent.subList(2, sent.size())).extracting(this::key, r -> r.value() == null).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("g1|" + renewed, false),
                org.assertj.core.groups.Tuple.tuple("g2|" + renewed, false),
                org.assertj.core.groups.Tuple.tuple("g1|" + old, true),
                org.assertj.core.groups.Tuple.tuple("g2|" + old, true));
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
