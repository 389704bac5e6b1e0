package io.restlive.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restlive.spring.LiveModel;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveEntitiesTest {

    @LiveModel("todolist.Task")
    static class Task {
    }

    static class SubTask extends Task {
    }

    static class Plain {
    }

    @Test
    void shouldFindTheModelLabelOnTheClassOrASuperclass() {
        assertThat(LiveEntities.model(Task.class)).contains("todolist.Task");
        assertThat(LiveEntities.model(SubTask.class)).contains("todolist.Task");
        assertThat(LiveEntities.model(Plain.class)).isEmpty();
    }

    @Test
    void shouldRefuseToPublishAClassWithoutLiveModel() {
        assertThatThrownBy(() -> LiveEntities.requireModel(Plain.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@LiveModel");
    }

    @Test
    void shouldNormalizeIntegerPksToLongAndUuidsToStrings() {
        UUID uuid = UUID.randomUUID();
        assertThat(LiveEntities.pk("m", 7)).isEqualTo(7L);
        assertThat(LiveEntities.pk("m", 7L)).isEqualTo(7L);
        assertThat(LiveEntities.pk("m", "urgent")).isEqualTo("urgent");
        assertThat(LiveEntities.pk("m", uuid)).isEqualTo(uuid.toString());
    }

    @Test
    void shouldRefuseFractionalPks() {
        assertThatThrownBy(() -> LiveEntities.pk("todolist.Task", BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("todolist.Task");
    }

    @Test
    void shouldTurnCounterAndTimestampVersionsIntoNumbers() {
        Instant at = Instant.parse("2024-05-01T10:00:00Z");
        assertThat(LiveEntities.version(3)).isEqualTo(3L);
        assertThat(LiveEntities.version(Timestamp.from(at))).isEqualTo(at.toEpochMilli());
        assertThat(LiveEntities.version(at)).isEqualTo(at.toEpochMilli());
        assertThat(LiveEntities.version(null)).isNull();
    }
}
