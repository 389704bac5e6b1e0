package io.restlive.processor.lookup;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.restlive.core.json.Json;
import io.restlive.processor.entities.StoredEntity;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class LookupControllerTest {

    private final FakeStores stores = new FakeStores();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new LookupController(
            new LookupService(stores, (host, query) -> new LookupResult.NotFound(), Duration.ZERO))).build();

    @Test
    void shouldAnswerPkInstanceAndRevisionOfAFoundEntity() throws Exception {
        // given
        stores.entities.put("todolist.Task|1", StoredEntity.live(Json.NODES.numberNode(1),
                Json.parseObject("{\"id\":1,\"text\":\"Milk\"}"), 3L, 7));

        // when / then
        mvc.perform(get("/internal/lookup").param("model", "todolist.Task").param("field", "pk").param("value", "\"1\""))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"pk\":1,\"instance\":{\"id\":1,\"text\":\"Milk\"},\"version\":7,\"key\":\"1\"}",
                        true));
    }

    @Test
    void shouldAnswer404WhenNothingMatches() throws Exception {
        mvc.perform(get("/internal/lookup").param("model", "todolist.Task").param("field", "text")
                        .param("value", "\"nothing\""))
                .andExpect(status().isNotFound())
                .andExpect(content().json("{\"error\":\"not found\"}", true));
    }

    @Test
    void shouldAnswer503WhileNotReady() throws Exception {
        // given
        stores.ready = false;

        // when / then
        mvc.perform(get("/internal/lookup").param("model", "todolist.Task").param("field", "pk").param("value", "1"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().json("{\"error\":\"not ready: task 0 is not ready here\"}", true));
    }

    @Test
    void shouldAnswer400ForBadParameters() throws Exception {
        mvc.perform(get("/internal/lookup").param("field", "pk").param("value", "1"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/internal/lookup").param("model", "todolist.Task").param("value", "1"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/internal/lookup").param("model", "todolist.Task").param("field", "pk").param("value", "abc"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/internal/lookup").param("model", "todolist.Task").param("field", "pk").param("value", "{}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void shouldRefuseAFieldThatNoViewLooksUpBy() throws Exception {
        // given: a controller that knows the views: tasks are looked up by slug
        MockMvc guarded = MockMvcBuilders.standaloneSetup(new LookupController(
                new LookupService(stores, (host, query) -> new LookupResult.NotFound(), Duration.ZERO),
                io.restlive.core.views.ViewsFile.parse("""
                        views:
                          - name: tasks
                            model: todolist.Task
                            lookup-field: slug
                        """, "test"))).build();
        stores.entities.put("todolist.Task|1", StoredEntity.live(Json.NODES.numberNode(1),
                Json.parseObject("{\"id\":1,\"slug\":\"milk\",\"owner\":\"bob\"}"), null, 1));

        // then: by slug or pk it answers; by another field, or for a model no view shows, it refuses
        guarded.perform(get("/internal/lookup").param("model", "todolist.Task").param("field", "slug")
                .param("value", "\"milk\"")).andExpect(status().isOk());
        guarded.perform(get("/internal/lookup").param("model", "todolist.Task").param("field", "pk")
                .param("value", "1")).andExpect(status().isOk());
        guarded.perform(get("/internal/lookup").param("model", "todolist.Task").param("field", "owner")
                        .param("value", "\"bob\"")).andExpect(status().isBadRequest())
                .andExpect(content().json("{\"error\":\"no view of todolist.Task looks instances up by owner\"}", true));
        guarded.perform(get("/internal/lookup").param("model", "sec.Doc").param("field", "pk")
                .param("value", "1")).andExpect(status().isBadRequest());
    }
}
