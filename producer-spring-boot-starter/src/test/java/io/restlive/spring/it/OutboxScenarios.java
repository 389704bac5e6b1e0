package io.restlive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.spring.LiveChanges;
import io.restlive.spring.it.ChangesTopic.Received;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** What the outbox mode must do on every database; subclasses pick the database and the topic. */
abstract class OutboxScenarios {

    @Autowired
    EntityManager em;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LiveChanges liveChanges;
    @Autowired
    JsonMapper mapper;

    abstract ChangesTopic topic();

    @Test
    void shouldSendACommittedChangeThroughTheTableAndThenDeleteItsRow() {
        // when
        long id = tx.execute(status -> {
            Note note = new Note("via outbox");
            em.persist(note);
            return note.getId();
        });

        // then
        Received change = topic().awaitCount("test.Note", id, 1).get(0);
        assertThat(mapper.readTree(change.instance()).get("title").asString()).isEqualTo("via outbox");
        assertThat(change.version()).isZero();
        await("the outbox to empty").atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM rest_live_outbox", Long.class) == 0L);
    }

    @Test
    void shouldWriteNothingForARolledBackTransaction() {
        // given
        long id = create("kept");

        // when
        tx.executeWithoutResult(status -> {
            em.find(Note.class, id).setHeading("rolled back");
            em.flush();
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(status -> em.find(Note.class, id).setHeading("committed"));

        // then
        List<Received> changes = topic().awaitCount("test.Note", id, 2);
        assertThat(changes).hasSize(2).extracting(Received::instance).noneMatch(i -> i.contains("rolled back"));
    }

    @Test
    void shouldVersionChangesOfUnversionedEntitiesByRowId() {
        // when
        tx.executeWithoutResult(status -> em.persist(new Label("outbox-label", "red")));
        tx.executeWithoutResult(status -> em.find(Label.class, "outbox-label").setColor("blue"));

        // then
        List<Received> changes = topic().awaitCount("test.Label", "outbox-label", 2);
        assertThat(changes.get(0).version()).isNotNull();
        assertThat(changes.get(1).version()).isGreaterThan(changes.get(0).version());
    }

    @Test
    void shouldSendBulkChangesAndDeletes() {
        // given
        long updated = create("bulk");
        long deleted = create("gone");

        // when
        tx.executeWithoutResult(status -> {
            em.createQuery("update versioned Note n set n.done = true where n.id = :id").setParameter("id", updated)
                    .executeUpdate();
            liveChanges.publishAfterCommit(Note.class, List.of(updated));
            em.remove(em.find(Note.class, deleted));
        });

        // then
        assertThat(mapper.readTree(topic().awaitCount("test.Note", updated, 2).get(1).instance()).get("done").asBoolean())
                .isTrue();
        assertThat(topic().awaitCount("test.Note", deleted, 2).get(1).op()).isEqualTo("DELETE");
    }

    private long create(String heading) {
        long id = tx.execute(status -> {
            Note note = new Note(heading);
            em.persist(note);
            return note.getId();
        });
        topic().awaitCount("test.Note", id, 1);
        return id;
    }
}
