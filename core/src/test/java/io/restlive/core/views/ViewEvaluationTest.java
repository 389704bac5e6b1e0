package io.restlive.core.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ViewEvaluationTest {

    private static final String YAML = """
            views:
              - name: tasks
                model: todolist.Task
                queryset: "instance.list == int(kwargs.list) && (!has(params.search) || instance.text.lowerAscii().contains(params.search.lowerAscii()))"
                permission: "user.authenticated"
                object-permission: "instance.owner == user.id || 'admin' in user.roles"
                naming: camelCase
                serializers:
                  - when: "'admin' in user.roles"
                    fields: [id, text, done]
                    computed: {auth: "'ADMIN'", text_length: "size(instance.text)", missing: "instance.nope"}
                  - fields: [id, text]
              - name: by-text
                model: todolist.Task
                lookup-field: text
            endpoints:
              - path: /a/
                views: [tasks]
              - path: /b/
                views: [by-text]
            """;

    private final ViewsFile file = ViewsFile.parse(YAML, "test");
    private final View tasks = file.view("tasks").orElseThrow();

    private static EntityState task(long id, long list, String text, String owner) {
        ObjectNode instance = Json.parseObject("{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":false,"
                + "\"list\":" + list + ",\"owner\":\"" + owner + "\",\"text_snake\":1}");
        return new EntityState(Json.NODES.numberNode(id), instance);
    }

    private static SubscriptionContext context(LiveUser user, String kwargs, String params) {
        return new SubscriptionContext(user.toJson(), Json.parseObject(kwargs),
                QueryParams.normalize(Json.parseObject(params)), "list");
    }

    private static LiveUser user(String id, String... roles) {
        return new LiveUser(true, id, id, List.of(roles), Json.NODES.objectNode());
    }

    @Test
    void shouldSeeAnInstanceOnlyWhenQuerysetPermissionAndObjectPermissionHold() {
        SubscriptionContext alice = context(user("alice"), "{\"list\": 1}", "{}");

        assertThat(tasks.isVisible(alice, task(1, 1, "Milk", "alice"))).isTrue();
        assertThat(tasks.isVisible(alice, task(1, 2, "Milk", "alice"))).as("other list").isFalse();
        assertThat(tasks.isVisible(alice, task(1, 1, "Milk", "bob"))).as("not hers").isFalse();
        assertThat(tasks.isVisible(context(LiveUser.ANONYMOUS, "{\"list\": 1}", "{}"), task(1, 1, "Milk", "alice")))
                .as("anonymous").isFalse();
    }

    @Test
    void shouldFilterLikeASearchFilterOnQueryParams() {
        SubscriptionContext search = context(user("alice"), "{\"list\": \"1\"}", "{\"search\": \"MIL\"}");

        assertThat(tasks.inQueryset(search, task(1, 1, "Buy milk", "alice"))).isTrue();
        assertThat(tasks.inQueryset(search, task(2, 1, "Buy bread", "alice"))).isFalse();
    }

    @Test
    void shouldUseTheFirstMatchingSerializerWithComputedFieldsAndCamelCase() {
        ObjectNode admin = tasks.render(context(user("root", "admin"), "{\"list\":1}", "{}"),
                task(1, 1, "Milk", "alice"));
        ObjectNode plain = tasks.render(context(user("alice"), "{\"list\":1}", "{}"), task(1, 1, "Milk", "alice"));

        assertThat(Json.write(admin))
                .isEqualTo("{\"id\":1,\"text\":\"Milk\",\"done\":false,\"auth\":\"ADMIN\",\"textLength\":4,\"missing\":null}");
        assertThat(Json.write(plain)).isEqualTo("{\"id\":1,\"text\":\"Milk\"}");
    }

    @Test
    void shouldRenderEveryFieldWithoutSerializers() {
        View byText = file.view("by-text").orElseThrow();
        SubscriptionContext anyone = context(LiveUser.ANONYMOUS, "{}", "{}");

        assertThat(byText.render(anyone, task(3, 1, "x", "o")).propertyNames())
                .containsExactly("id", "text", "done", "list", "owner", "text_snake");
    }

    @Test
    void shouldCarryOnlyTheLookupValueAndPkWhenDeleted() {
        assertThat(Json.write(tasks.deletedPayload(task(5, 1, "Milk", "a")))).isEqualTo("{\"pk\":5,\"id\":5}");
        assertThat(Json.write(file.view("by-text").orElseThrow().deletedPayload(task(3, 1, "special", "a"))))
                .isEqualTo("{\"text\":\"special\",\"id\":3}");
    }

    @Test
    void shouldExposeTheEqualityIndexOfTheQueryset() {
        SubscriptionContext list7 = context(user("a"), "{\"list\": \"7\"}", "{}");

        assertThat(tasks.indexedField()).contains("list");
        assertThat(tasks.indexValue(list7)).contains(7L);
        assertThat(tasks.indexKeyOf(task(1, 7, "x", "a"))).contains(7L);
        assertThat(tasks.indexKeyOfJson(task(1, 7, "x", "a").instance())).as("the same key from the JSON alone")
                .isEqualTo(tasks.indexKeyOf(task(1, 7, "x", "a")));
        assertThat(tasks.indexKeyOfJson(Json.parseObject("{\"id\":1}"))).isEmpty();
        assertThat(file.view("by-text").orElseThrow().indexedField()).isEmpty();
    }

    @Test
    void shouldProjectTheUserToTheFieldsTheViewReads() {
        ObjectNode projected = tasks.projectUser(new LiveUser(true, "alice", "Alice", List.of("x"),
                Json.parseObject("{\"org\":1}")));

        assertThat(projected.propertyNames()).containsExactlyInAnyOrder("authenticated", "id", "roles");
    }
}
