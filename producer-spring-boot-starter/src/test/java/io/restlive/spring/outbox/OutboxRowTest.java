package io.restlive.spring.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxRowTest {

    @Test
    void shouldPublishTheEntityVersionWhenItHasOne() {
        assertThat(new OutboxRow(10, "todolist.Task", "1", "{}", 3L).effectiveVersion()).isEqualTo(3L);
    }

    @Test
    void shouldPublishTheRowIdAsVersionWhenTheEntityHasNone() {
        // A row sent again after a crash keeps its id, so the processor sees the same version and drops it.
        assertThat(new OutboxRow(10, "todolist.List", "1", "{}", null).effectiveVersion()).isEqualTo(10L);
    }

    @Test
    void shouldTellDeletesByTheirMissingInstance() {
        assertThat(new OutboxRow(10, "todolist.Task", "1", null, 4L).isDelete()).isTrue();
    }
}
