package io.restlive.processor.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.json.Json;
import io.restlive.core.views.EntityState;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.ViewsFile;
import io.restlive.schemas.GroupSpec;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GroupIndexTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: by-list
                model: todolist.Task
                queryset: "instance.list == int(kwargs.list)"
              - name: all
                model: todolist.Task
              - name: tags
                model: todolist.Tag
            endpoints:
              - {path: /a/, views: [by-list, tags]}
              - {path: /b/, views: [all]}
            """, "test");

    private final GroupFactory factory = new GroupFactory(VIEWS);
    private final GroupIndex index = new GroupIndex();

    @Test
    void shouldReturnARetrieveGroupOnlyForItsTargetPk() {
        // given
        String one = join(spec("all", "retrieve", Json.NODES.numberNode(1), "{}"), "e1");

        // when / then
        assertThat(keys(index.candidates("todolist.Task", "1", null, task(1, 1)))).containsExactly(one);
        assertThat(index.candidates("todolist.Task", "2", null, task(2, 1))).isEmpty();
        assertThat(index.candidates("todolist.Task", "\"1\"", null, null)).isEmpty();
    }

    @Test
    void shouldFindIndexedGroupsByTheValueBeforeOrAfterTheChange() {
        // given
        String list1 = join(spec("by-list", "list", null, "{\"list\":\"1\"}"), "e1");
        String list2 = join(spec("by-list", "list", null, "{\"list\":2}"), "e1");
        join(spec("by-list", "list", null, "{\"list\":3}"), "e1");

        // when / then
        assertThat(keys(index.candidates("todolist.Task", "9", task(9, 1), task(9, 2))))
                .containsExactlyInAnyOrder(list1, list2);
        assertThat(keys(index.candidates("todolist.Task", "9", task(9, 2), task(9, 2)))).containsExactly(list2);
        assertThat(keys(index.candidates("todolist.Task", "9", null, task(9, 1)))).containsExactly(list1);
        assertThat(index.candidates("todolist.Task", "9", task(9, 7), null)).isEmpty();
    }

    @Test
    void shouldAlwaysReturnTheUnindexedListGroupsOfTheModelOnly() {
        // given
        String all = join(spec("all", "list", null, "{}"), "e1");
        String tags = join(spec("tags", "list", null, "{}"), "e1");

        // when / then
        assertThat(keys(index.candidates("todolist.Task", "5", null, task(5, 1)))).containsExactly(all);
        assertThat(keys(index.candidates("todolist.Tag", "\"x\"", null, null))).containsExactly(tags);
        assertThat(index.candidates("todolist.Other", "1", null, null)).isEmpty();
    }

    @Test
    void shouldBuildAGroupOnceAndKeepItUntilItsLastRouteLeavesInEveryTask() {
        // given: edges e1, e2, e3 join in task 0; e2 joins again, and in task 1 too
        GroupSpec spec = spec("all", "list", null, "{}");
        String key = GroupSpecs.key(spec);
        AtomicInteger built = new AtomicInteger();
        String[][] joins = {{"e1", "0"}, {"e2", "0"}, {"e2", "0"}, {"e3", "0"}, {"e2", "1"}};

        // when
        for (String[] join : joins) {
            index.join(key, join[0], 5, Integer.parseInt(join[1]), () -> {
                built.incrementAndGet();
                return factory.create(key, spec);
            });
        }

        // then: one group, a route per session with the tasks that applied its join
        assertThat(built).hasValue(1);
        assertThat(index.routes(key)).containsExactlyInAnyOrder(new GroupIndex.Route("e1", 5, 0b01),
                new GroupIndex.Route("e2", 5, 0b11), new GroupIndex.Route("e3", 5, 0b01));
        assertThat(index.leave(key, "e1", 0)).isTrue();
        assertThat(index.leave(key, "unknown-edge", 0)).isFalse();
        assertThat(index.leave(key, "e2", 0)).isTrue();
        assertThat(index.routes(key)).containsExactlyInAnyOrder(new GroupIndex.Route("e2", 5, 0b10),
                new GroupIndex.Route("e3", 5, 0b01));
        assertThat(index.leave(key, "e3", 0)).isTrue();
        assertThat(index.group(key)).isPresent();
        assertThat(index.leave(key, "e2", 1)).isTrue();
        assertThat(index.group(key)).isEmpty();
        assertThat(index.size()).isZero();
        assertThat(index.candidates("todolist.Task", "1", null, task(1, 1))).isEmpty();
    }

    @Test
    void shouldForgetTheRoutesOfATaskThatLeftThisInstance() {
        // given
        String both = join(spec("all", "list", null, "{}"), "e1", 0);
        join(spec("all", "list", null, "{}"), "e1", 1);
        String onlyInOne = join(spec("tags", "list", null, "{}"), "e1", 1);

        // when
        index.forgetTask(1);

        // then
        assertThat(index.routes(both)).containsExactly(new GroupIndex.Route("e1", 5, 0b01));
        assertThat(index.group(onlyInOne)).isEmpty();
    }

    @Test
    void shouldNotCreateAGroupTheFactoryRejects() {
        // when
        Optional<LiveGroup> created = index.join("k", "e1", 5, 0, Optional::empty);

        // then
        assertThat(created).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void shouldRefusePartitionsBeyondWhatARouteCanHold() {
        assertThat(GroupIndex.bit(63)).isEqualTo(Long.MIN_VALUE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GroupIndex.bit(64))
                .hasMessageContaining("at most 64 partitions");
    }

    private String join(GroupSpec spec, String edge) {
        return join(spec, edge, 0);
    }

    private String join(GroupSpec spec, String edge, int partition) {
        String key = GroupSpecs.key(spec);
        index.join(key, edge, 5, partition, () -> factory.create(key, spec));
        return key;
    }

    private static GroupSpec spec(String view, String action, JsonNode targetPk, String kwargs) {
        return GroupSpecs.spec(VIEWS.view(view).orElseThrow(), action, targetPk, Json.parseObject(kwargs),
                Json.NODES.objectNode(), LiveUser.ANONYMOUS);
    }

    private static EntityState task(long id, long list) {
        return new EntityState(Json.NODES.numberNode(id), Json.parseObject("{\"id\":" + id + ",\"list\":" + list + "}"));
    }

    private static java.util.List<String> keys(java.util.Collection<LiveGroup> groups) {
        return groups.stream().map(LiveGroup::key).toList();
    }
}
