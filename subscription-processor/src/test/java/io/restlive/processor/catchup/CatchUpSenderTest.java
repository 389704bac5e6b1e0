package io.restlive.processor.catchup;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.QueryParams;
import io.restlive.core.views.ViewsFile;
import io.restlive.processor.entities.StateDigest;
import io.restlive.processor.entities.StoredEntity;
import io.restlive.processor.groups.GroupFactory;
import io.restlive.processor.groups.GroupIndex;
import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.ChangeBroadcast;
import io.restlive.schemas.GroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Settling with several tasks in one instance: each task's punctuation sees every pending request, but
 * only the task storing the entity may settle it; the others must leave it to that task.
 */
class CatchUpSenderTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
            endpoints:
              - {path: /ws/, views: [tasks]}
            """, "test");
    private static final String ENTITY = "todolist.Task|1";
    private static final StoredEntity MILK = StoredEntity.live(Json.NODES.numberNode(1),
            Json.parseObject("{\"id\":1,\"text\":\"milk\"}"), null);

    private final GroupIndex groups = new GroupIndex();
    private final PendingCatchUps pending = new PendingCatchUps();
    private final CatchUpSender sender = new CatchUpSender(pending, groups);
    private final List<ChangeBroadcast> sent = new ArrayList<>();
    private final Function<String, StoredEntity> ownerStore = Map.of(ENTITY, MILK)::get;
    private final Function<String, StoredEntity> otherTaskStore = key -> null;

    @Test
    void shouldLeaveARequestToTheOwnerTaskHoweverLongAfterTheJoinAnotherTaskSeesItFirst() {
        // given: a stale request, registered (by the global thread) at some time no stream thread knows
        String groupKey = join();
        pending.register(ENTITY, PendingCatchUps.Request.of(groupKey, groupKey + "~edge~1", "older", "{}"));

        // when: another task punctuates first, then the owner
        sender.settle(otherTaskStore, key -> false, (key, broadcast) -> sent.add(broadcast), 1_000_000L);
        sender.settle(ownerStore, key -> true, (key, broadcast) -> sent.add(broadcast), 1_000_100L);

        // then
        assertThat(sent).singleElement().satisfies(broadcast -> assertThat(broadcast.getGroups().get(0).getGroupKey())
                .isEqualTo(groupKey + "~edge~1"));
    }

    @Test
    void shouldDropARequestNoTaskClaimsWithinTheTtlOfItsFirstSighting() {
        String groupKey = join();
        pending.register(ENTITY, PendingCatchUps.Request.of(groupKey, groupKey + "~edge~1",
                StateDigest.of(MILK.instance()), "{}"));

        sender.settle(otherTaskStore, key -> false, (key, broadcast) -> sent.add(broadcast), 1_000_000L);
        assertThat(pending.size()).isEqualTo(1);
        sender.settle(otherTaskStore, key -> false, (key, broadcast) -> sent.add(broadcast),
                1_000_000L + CatchUpSender.UNCLAIMED_TTL.toMillis() + 1);

        assertThat(pending.isEmpty()).isTrue();
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldTellTheOwnerTaskFindingNoEntryThatTheEntityWasDeleted() {
        // given: the subscriber saw milk; an unversioned delete removed the entry before the join
        String groupKey = join();
        pending.register(ENTITY, PendingCatchUps.Request.of(groupKey, groupKey + "~edge~1",
                StateDigest.of(MILK.instance()), "{\"pk\":1,\"id\":1}"));

        // when
        sender.settle(key -> null, ENTITY::equals, (key, broadcast) -> sent.add(broadcast), 1_000_000L);

        // then
        assertThat(sent).singleElement().satisfies(broadcast -> {
            assertThat(broadcast.getPk()).isEqualTo("1");
            assertThat(broadcast.getGroups()).singleElement().satisfies(entry -> {
                assertThat(entry.getAction()).isEqualTo(BroadcastAction.DELETED);
                assertThat(entry.getInstance()).isEqualTo("{\"pk\":1,\"id\":1}");
            });
        });
        assertThat(pending.isEmpty()).isTrue();
    }

    private String join() {
        GroupSpec spec = GroupSpecs.spec(VIEWS.view("tasks").orElseThrow(), "retrieve", Json.NODES.numberNode(1),
                Json.NODES.objectNode(), QueryParams.normalize(Json.NODES.objectNode()), LiveUser.ANONYMOUS);
        String groupKey = GroupSpecs.key(spec);
        groups.join(groupKey, "edge", () -> new GroupFactory(VIEWS).create(groupKey, spec));
        return groupKey;
    }
}
