package io.restlive.processor.snapshot;

import io.restlive.core.internalapi.SnapshotMembers;
import io.restlive.core.internalapi.SnapshotRequest;
import io.restlive.processor.entities.Pks;
import io.restlive.processor.entities.StoredEntity;
import io.restlive.processor.groups.GroupFactory;
import io.restlive.processor.groups.LiveGroup;
import io.restlive.processor.lookup.EntityStoreAccess;
import io.restlive.processor.lookup.StoresNotReadyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The current members of a list view for one group, for protocol v2's in-band snapshot: every instance scans
 * the entities of its active tasks, evaluates the group's view on each (its queryset, filters and object
 * permission) and renders the members; the instance the edge asked merges the others' answers. Each entity is
 * read with its revision, so that the edge can drop a replayed frame the snapshot already shows.
 *
 * <p>Like a lookup, it waits (up to {@code hold}) for this instance's tasks to be ready, and a rebalance in the
 * middle answers "not ready" rather than a partial view: the edge tries again.
 */
public final class SnapshotService {

    private static final String GROUP_KEY = "snapshot";

    private final EntityStoreAccess stores;
    private final GroupFactory groups;
    private final RemoteSnapshot remote;
    private final Duration hold;
    private final Clock clock;

    public SnapshotService(EntityStoreAccess stores, GroupFactory groups, RemoteSnapshot remote, Duration hold) {
        this(stores, groups, remote, hold, Clock.systemUTC());
    }

    SnapshotService(EntityStoreAccess stores, GroupFactory groups, RemoteSnapshot remote, Duration hold, Clock clock) {
        this.stores = stores;
        this.groups = groups;
        this.remote = remote;
        this.hold = hold;
        this.clock = clock;
    }

    /**
     * The view's members.
     *
     * @param localOnly true when another instance forwarded the query: answer from local stores only
     */
    public SnapshotResult snapshot(SnapshotRequest query, boolean localOnly) {
        Optional<LiveGroup> group = groups.create(GROUP_KEY, query.spec());
        if (group.isEmpty()) {
            return new SnapshotResult.Unusable("view '" + query.spec().getView() + "' cannot be evaluated here");
        }
        Instant deadline = clock.instant().plus(hold);
        if (!stores.awaitAllReady(deadline)) {
            return new SnapshotResult.NotReady("this instance's tasks are not ready");
        }
        SnapshotMembers local;
        try {
            local = scan(group.get(), query.limit());
        } catch (StoresNotReadyException e) {
            return new SnapshotResult.NotReady(e.getMessage());
        }
        if (localOnly) {
            return new SnapshotResult.Members(local);
        }
        long count = local.count();
        List<SnapshotMembers.Item> items = new ArrayList<>(local.items());
        for (HostInfo host : stores.otherHosts()) {
            SnapshotResult answer = remote.ask(host, query);
            if (!(answer instanceof SnapshotResult.Members found)) {
                return answer;
            }
            SnapshotMembers members = found.members();
            count += members.count();
            members.items().stream().limit(Math.max(0, query.limit() - items.size())).forEach(items::add);
        }
        return new SnapshotResult.Members(new SnapshotMembers(count, List.copyOf(items)));
    }

    private SnapshotMembers scan(LiveGroup group, int limit) {
        List<SnapshotMembers.Item> items = new ArrayList<>();
        long[] count = {0};
        stores.forEachLive(group.model(), (StoredEntity entity) -> {
            if (group.view().isVisible(group.context(), entity.toState())) {
                count[0]++;
                if (items.size() < limit) {
                    items.add(new SnapshotMembers.Item(Pks.keyText(entity.pk()),
                            group.view().render(group.context(), entity.toState()), entity.seq()));
                }
            }
        });
        return new SnapshotMembers(count[0], items);
    }
}
