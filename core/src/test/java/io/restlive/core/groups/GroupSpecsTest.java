package io.restlive.core.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.View;
import io.restlive.core.views.ViewsFile;
import io.restlive.schemas.GroupSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupSpecsTest {

    private final View view = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
                queryset: "instance.list == int(kwargs.list)"
                permission: "user.authenticated"
            """, "t").view("tasks").orElseThrow();

    private GroupSpec spec(String kwargs, LiveUser user) {
        return GroupSpecs.spec(view, "list", null, Json.parseObject(kwargs), Json.NODES.objectNode(), user);
    }

    @Test
    void shouldShareAGroupBetweenUsersWhenTheViewReadsNothingThatDiffers() {
        LiveUser alice = new LiveUser(true, "alice", "Alice", List.of(), Json.NODES.objectNode());
        LiveUser bob = new LiveUser(true, "bob", "Bob", List.of("x"), Json.NODES.objectNode());

        assertThat(GroupSpecs.key(spec("{\"list\":1}", alice))).isEqualTo(GroupSpecs.key(spec("{\"list\":1}", bob)));
        assertThat(GroupSpecs.key(spec("{\"list\":1}", alice)))
                .isNotEqualTo(GroupSpecs.key(spec("{\"list\":1}", LiveUser.ANONYMOUS)));
    }

    @Test
    void shouldKeyEqualKwargsEquallyWhateverTheirOrder() {
        assertThat(GroupSpecs.key(spec("{\"a\":1,\"list\":2}", LiveUser.ANONYMOUS)))
                .isEqualTo(GroupSpecs.key(spec("{\"list\":2,\"a\":1}", LiveUser.ANONYMOUS)))
                .isNotEqualTo(GroupSpecs.key(spec("{\"list\":3,\"a\":1}", LiveUser.ANONYMOUS)))
                .hasSize(32);
    }

    @Test
    void shouldRebuildTheContextAndTargetFromASpec() {
        GroupSpec retrieve = GroupSpecs.spec(view, "retrieve", Json.NODES.stringNode("a-b"),
                Json.parseObject("{\"list\":1}"), Json.NODES.objectNode(), LiveUser.ANONYMOUS);

        assertThat(GroupSpecs.targetPk(retrieve).asString()).isEqualTo("a-b");
        assertThat(GroupSpecs.context(retrieve).kwargs().get("list").asInt()).isEqualTo(1);
        assertThat(GroupSpecs.context(retrieve).action()).isEqualTo("retrieve");
    }
}
