package io.restlive.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.spring.LiveChanges;
import io.restlive.spring.it.ChangesTopic.Received;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** After-commit mode on a real broker and H2: commits publish their final state once, rollbacks nothing. */
@SpringBootTest(classes = TestApp.class)
class AfterCommitIT {

    static final ChangesTopic TOPIC = ChangesTopic.create("after-commit");

    @DynamicPropertySource
    static void restLive(DynamicPropertyRegistry registry) {
        registry.add("rest-live.bootstrap-servers", ChangesTopic::bootstrapServers);
        registry.add("rest-live.topic-prefix", TOPIC::prefix);
        registry.add("rest-live.mode", () -> "after-commit");
    }

    @AfterAll
    static void closeTopic() {
        TOPIC.close();
    }

    @Autowired
    EntityManager em;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    LiveChanges liveChanges;
    @Autowired
    JsonMapper mapper;

    @Test
    void shouldPublishTheFinalStateOfACommittedTransactionOnce() {
        // when: one transaction inserts and then updates a note
        long id = tx.execute(status -> {
            Note note = new Note("draft");
            em.persist(note);
            em.flush();
            note.setHeading("final");
            return note.getId();
        });
        rename(id, "marker");

        // then: one change for the transaction, with the app's JSON (renamed, ignored fields) and its version
        List<Received> changes = TOPIC.awaitCount("test.Note", id, 2);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).key()).isEqualTo("test.Note|" + id);
        assertThat(changes.get(0).op()).isEqualTo("UPSERT");
        assertThat(mapper.readTree(changes.get(0).instance()))
                .isEqualTo(mapper.readTree("{\"id\":" + id + ",\"title\":\"final\",\"done\":false}"));
        assertThat(changes.get(0).version()).isEqualTo(1L);
        assertThat(changes.get(1).version()).isEqualTo(2L);
    }

    @Test
    void shouldPublishNothingForARolledBackTransaction() {
        // given
        long id = create("kept");

        // when: a transaction writes a change and rolls back, then another commits one
        tx.executeWithoutResult(status -> {
            em.find(Note.class, id).setHeading("rolled back");
            em.flush();
            status.setRollbackOnly();
        });
        rename(id, "committed");

        // then: the entity's changes, in partition order, never show the rolled-back state
        List<Received> changes = TOPIC.awaitCount("test.Note", id, 2);
        assertThat(changes).extracting(Received::instance).noneMatch(instance -> instance.contains("rolled back"));
        assertThat(changes).hasSize(2);
    }

    @Test
    void shouldPublishDeleteWithAVersionAboveTheLastUpdate() {
        // given
        long id = create("doomed");

        // when
        tx.executeWithoutResult(status -> em.remove(em.find(Note.class, id)));

        // then
        List<Received> changes = TOPIC.awaitCount("test.Note", id, 2);
        assertThat(changes.get(1).op()).isEqualTo("DELETE");
        assertThat(changes.get(1).instance()).isNull();
        assertThat(changes.get(1).version()).isGreaterThan(changes.get(0).version());
    }

    @Test
    void shouldPublishEveryEntityOfABulkUpdateNamedToLiveChanges() {
        // given
        List<Long> ids = List.of(create("a"), create("b"), create("c"));

        // when: a JPQL bulk update, which fires no entity events
        tx.executeWithoutResult(status -> {
            em.createQuery("update versioned Note n set n.done = true where n.id in :ids").setParameter("ids", ids)
                    .executeUpdate();
            liveChanges.publishAfterCommit(Note.class, ids);
        });

        // then
        for (long id : ids) {
            Received bulk = TOPIC.awaitCount("test.Note", id, 2).get(1);
            assertThat(mapper.readTree(bulk.instance()).get("done").asBoolean()).isTrue();
            assertThat(bulk.version()).isEqualTo(1L);
        }
    }

    @Test
    void shouldPublishDeleteForAnIdABulkDeleteRemoved() {
        // given
        long id = create("bulk-deleted");

        // when
        tx.executeWithoutResult(status -> {
            em.createQuery("delete from Note n where n.id = :id").setParameter("id", id).executeUpdate();
            liveChanges.publishAfterCommit(Note.class, List.of(id));
        });

        // then
        assertThat(TOPIC.awaitCount("test.Note", id, 2).get(1).op()).isEqualTo("DELETE");
    }

    @Test
    void shouldPublishAtOnceWhenLiveChangesIsCalledOutsideATransaction() {
        // given
        long id = create("outside");

        // when
        liveChanges.publishAfterCommit(Note.class, List.of(id));

        // then
        assertThat(TOPIC.awaitCount("test.Note", id, 2).get(1).op()).isEqualTo("UPSERT");
    }

    @Test
    void shouldPublishStringPksWithoutVersionWhenTheEntityHasNone() {
        // when
        tx.executeWithoutResult(status -> em.persist(new Label("urgent", "red")));

        // then
        Received change = TOPIC.awaitCount("test.Label", "urgent", 1).get(0);
        assertThat(change.key()).isEqualTo("test.Label|\"urgent\"");
        assertThat(change.version()).isNull();
        assertThat(mapper.readTree(change.instance()))
                .isEqualTo(mapper.readTree("{\"slug\":\"urgent\",\"color\":\"red\"}"));
    }

    private long create(String heading) {
        long id = tx.execute(status -> {
            Note note = new Note(heading);
            em.persist(note);
            return note.getId();
        });
        TOPIC.awaitCount("test.Note", id, 1);
        return id;
    }

    private void rename(long id, String heading) {
        tx.executeWithoutResult(status -> em.find(Note.class, id).setHeading(heading));
    }
}
