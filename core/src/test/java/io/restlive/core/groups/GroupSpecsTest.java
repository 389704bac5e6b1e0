package io.restlive.core.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.View;
import io.restlive.core.views.ViewsFile;
import io.restlive.schemas.GroupSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

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

    @Test
    void shouldGiveDifferentKeysToSpecsThatDifferInAnyField() {
        // given: a spec with every field set
        GroupSpec base = GroupSpecs.spec(view, "retrieve", Json.NODES.numberNode(1), Json.parseObject("{\"list\":1}"),
                Json.parseObject("{\"q\":\"a\"}"), LiveUser.ANONYMOUS);

        // then: changing any one field, whichever the schema has, changes the key
        for (Schema.Field field : base.getSchema().getFields()) {
            GroupSpec changed = GroupSpec.newBuilder(base).build();
            changed.put(field.pos(), base.get(field.pos()) + "-other");
            assertThat(GroupSpecs.key(changed)).as(field.name()).isNotEqualTo(GroupSpecs.key(base));
        }
    }

    @Test
    void shouldKeepTheKeysEarlierVersionsComputed() {
        // given: the key as the first versions computed it, from a hand-kept list of fields
        GroupSpec spec = spec("{\"list\":1}", LiveUser.ANONYMOUS);
        ObjectNode fields = Json.NODES.objectNode();
        fields.put("view", spec.getView());
        fields.put("model", spec.getModel());
        fields.put("action", spec.getAction());
        fields.put("targetPk", spec.getTargetPk());
        fields.put("kwargs", spec.getKwargs());
        fields.put("params", spec.getParams());
        fields.put("user", spec.getUser());
        String earlier = HexFormat.of().formatHex(sha256(Json.canonical(fields)), 0, 16);

        // then: edges of both versions name the group alike
        assertThat(GroupSpecs.key(spec)).isEqualTo(earlier);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
