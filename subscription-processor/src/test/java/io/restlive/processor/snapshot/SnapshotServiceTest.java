package io.restlive.processor.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.core.internalapi.SnapshotMembers;
import io.restlive.core.internalapi.SnapshotRequest;
import io.restlive.core.json.Json;
import io.restlive.core.views.ViewsFile;
import io.restlive.processor.entities.StoredEntity;
import io.restlive.processor.groups.GroupFactory;
import io.restlive.processor.lookup.EntityStoreAccess;
import io.restlive.schemas.GroupSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** The members of a list view for one group: evaluated and rendered here, merged with the other instances'. */
class SnapshotServiceTest {

    private static final ViewsFile VIEWS = ViewsFile.parse("""
            views:
              - name: tasks
                model: todolist.Task
                queryset: "instance.list == int(kwargs.list)"
                serializers:
                  - fields: [id, text]
            """, "test");
    private static final HostInfo OTHER = new HostInfo("other", 8081);

    private final List<StoredEntity> local = new ArrayList<>();
    private final List<HostInfo> others = new ArrayList<>();
    private boolean ready = true;
    private SnapshotResult otherAnswer = new SnapshotResult.Members(new SnapshotMembers(0, List.of()));

    private final SnapshotService service = new SnapshotService(new Stores(), new GroupFactory(VIEWS),
            (host, query) -> otherAnswer, Duration.ZERO);

    @Test
    void shouldRenderTheMembersOfTheGroupsViewWithTheirRevisions() {
        local.add(task(1, 7, "in", 41));
        local.add(task(2, 8, "out", 42));

        SnapshotResult result = service.snapshot(query(10), true);

        assertThat(result).isEqualTo(new SnapshotResult.Members(new SnapshotMembers(1,
                List.of(new SnapshotMembers.Item("1", Json.parse("{\"id\":1,\"text\":\"in\"}"), 41)))));
    }

    @Test
    void shouldMergeTheOtherInstancesAndCountBeyondTheLimit() {
        local.add(task(1, 7, "a", 1));
        local.add(task(2, 7, "b", 2));
        others.add(OTHER);
        otherAnswer = new SnapshotResult.Members(new SnapshotMembers(3,
                List.of(new SnapshotMembers.Item("3", Json.parse("{\"id\":3}"), 3))));

        SnapshotMembers members = ((SnapshotResult.Members) service.snapshot(query(2), false)).members();

        assertThat(members.count()).isEqualTo(5);
        assertThat(members.items()).extracting(SnapshotMembers.Item::key).containsExactly("1", "2");
    }

    @Test
    void shouldAnswerNotReadyRatherThanAPartialView() {
        others.add(OTHER);
        otherAnswer = new SnapshotResult.NotReady("rebalancing");
        assertThat(service.snapshot(query(10), false)).isInstanceOf(SnapshotResult.NotReady.class);

        ready = false;
        assertThat(service.snapshot(query(10), true)).isInstanceOf(SnapshotResult.NotReady.class);
    }

    @Test
    void shouldRefuseAViewItDoesNotHave() {
        GroupSpec unknown = GroupSpec.newBuilder(query(1).spec()).setView("gone").build();

        assertThat(service.snapshot(new SnapshotRequest(unknown, 1), true)).isInstanceOf(SnapshotResult.Unusable.class);
    }

    @Test
    void shouldReadBackTheRequestAnEdgeWrites() {
        SnapshotRequest request = query(3);

        assertThat(SnapshotRequest.parse(request.toJson())).isEqualTo(request);
    }

    private static SnapshotRequest query(int limit) {
        return new SnapshotRequest(GroupSpec.newBuilder().setView("tasks").setModel("todolist.Task").setAction("list")
                .setTargetPk(null).setKwargs("{\"list\":7}").setParams("{}").setUser("{}").build(), limit);
    }

    private static StoredEntity task(int id, int list, String text, long seq) {
        return StoredEntity.live(Json.NODES.numberNode(id),
                Json.parseObject("{\"id\":" + id + ",\"list\":" + list + ",\"text\":\"" + text + "\"}"), null, seq);
    }

    private final class Stores implements EntityStoreAccess {
        @Override
        public Optional<Owner> ownerOf(String entityKey) {
            return Optional.empty();
        }

        @Override
        public boolean awaitReady(int partition, Instant deadline) {
            return ready;
        }

        @Override
        public boolean awaitAllReady(Instant deadline) {
            return ready;
        }

        @Override
        public Optional<StoredEntity> get(String entityKey) {
            return Optional.empty();
        }

        @Override
        public Optional<StoredEntity> findFirst(String model, Predicate<StoredEntity> match) {
            return Optional.empty();
        }

        @Override
        public void forEachLive(String model, Consumer<StoredEntity> action) {
            local.forEach(action);
        }

        @Override
        public List<HostInfo> otherHosts() {
            return others;
        }
    }
}
