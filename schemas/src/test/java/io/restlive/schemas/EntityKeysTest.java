package io.restlive.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EntityKeysTest {

    @Test
    void shouldKeyIntegerAndStringPksAsJson() {
        assertThat(EntityKeys.of("todolist.Task", 1L)).isEqualTo("todolist.Task|1");
        assertThat(EntityKeys.of("todolist.Task", 7)).isEqualTo("todolist.Task|7");
        assertThat(EntityKeys.of("app.Tag", "a\"b")).isEqualTo("app.Tag|\"a\\\"b\"");
    }

    @Test
    void shouldRejectPksThatAreNeitherIntegersNorStrings() {
        assertThatThrownBy(() -> EntityKeys.of("todolist.Task", 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integer or a string");
        assertThatThrownBy(() -> EntityKeys.of(" ", 1)).hasMessageContaining("model");
    }

    @Test
    void shouldRecoverTheModelFromAKey() {
        assertThat(EntityKeys.modelOf("todolist.Task|\"x|y\"")).isEqualTo("todolist.Task");
    }
}
