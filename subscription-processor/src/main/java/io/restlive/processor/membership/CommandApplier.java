package io.restlive.processor.membership;

import io.restlive.processor.commands.CommandDecodingProcessor;
import io.restlive.processor.commands.EdgeGone;
import io.restlive.processor.commands.EdgeStarted;
import io.restlive.processor.commands.PairJoin;
import io.restlive.processor.commands.PairLeave;
import io.restlive.processor.commands.ResetVersions;
import io.restlive.processor.commands.TaskCommand;
import io.restlive.processor.groups.GroupFactory;
import io.restlive.processor.groups.GroupIndex;
import io.restlive.processor.groups.LiveGroup;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.processor.positions.TaskPositions;
import io.restlive.schemas.SubscriptionKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the subscriptions topic's commands in a task, in order with its changes: joins and leaves of
 * (group, edge session) pairs, edge sessions starting and going, version resets. The task's pair store
 * mirrors its partition of the topic, so that a restarted or moved task rebuilds what it holds.
 */
final class CommandApplier {

    private static final Logger log = LoggerFactory.getLogger(CommandApplier.class);

    private final int partition;
    private final KeyValueStore<String, byte[]> pairs;
    private final GroupIndex groups;
    private final GroupFactory factory;
    private final TaskSessions sessions;
    private final TaskPositions positions;
    private final SlotMarkers markers;
    private final JoinReplayer replayer;
    private final VersionReset versions;
    private final ProcessorMetrics metrics;
    private final TaskOutput out;
    private final Set<String> warnedSessions = new HashSet<>();

    CommandApplier(int partition, KeyValueStore<String, byte[]> pairs, GroupIndex groups, GroupFactory factory,
                   TaskSessions sessions, TaskPositions positions, SlotMarkers markers, JoinReplayer replayer,
                   VersionReset versions, ProcessorMetrics metrics, TaskOutput out) {
        this.partition = partition;
        this.pairs = pairs;
        this.groups = groups;
        this.factory = factory;
        this.sessions = sessions;
        this.positions = positions;
        this.markers = markers;
        this.replayer = replayer;
        this.versions = versions;
        this.metrics = metrics;
        this.out = out;
    }

    /** Rebuilds what the task holds from its pair store, after a start or a move: no replay, no notice. */
    void restore() {
        int restored = 0;
        try (KeyValueIterator<String, byte[]> all = pairs.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                try {
                    TaskCommand command = CommandDecodingProcessor.decode(entry.key, entry.value);
                    if (command instanceof EdgeStarted started) {
                        sessions.started(started.session(), started.slot());
                    } else if (command instanceof PairJoin join) {
                        groups.join(join.groupKey(), join.session(), slotOf(join), partition,
                                () -> factory.create(join.groupKey(), join.spec()));
                        restored++;
                    }
                } catch (IOException | IllegalArgumentException e) {
                    log.warn("Ignoring stored pair '{}': {}", entry.key, e.getMessage());
                }
            }
        }
        log.info("Task {} holds {} (group, edge) pairs; {} live groups on this instance", partition, restored,
                groups.size());
    }

    void apply(TaskCommand command) {
        if (command instanceof PairJoin join) {
            join(join);
        } else if (command instanceof PairLeave leave) {
            pairs.delete(leave.key());
            boolean held = groups.leave(leave.groupKey(), leave.session(), partition);
            log.debug("Task {}: edge {} left group {}{}", partition, leave.session(), leave.groupKey(),
                    held ? "" : " (not held)");
        } else if (command instanceof EdgeStarted started) {
            pairs.put(started.key(), started.bytes());
            sessions.started(started.session(), started.slot());
            // The edge learns this task's position before it accepts any subscriber.
            markers.markNow(started.slot(), positions.current(), out);
        } else if (command instanceof EdgeGone gone) {
            forgetSession(gone);
        } else if (command instanceof ResetVersions reset) {
            versions.reset(reset.model());
        }
    }

    private void join(PairJoin join) {
        pairs.put(join.key(), join.bytes());
        int slot = slotOf(join);
        Optional<LiveGroup> group = groups.join(join.groupKey(), join.session(), slot, partition,
                () -> factory.create(join.groupKey(), join.spec()));
        if (group.isEmpty()) {
            replayer.refuse(join.groupKey(), slot, join.target(), "this processor cannot evaluate the group (view '"
                    + join.spec().getView() + "' unknown, or an unusable spec: see its log)");
            return;
        }
        log.debug("Task {}: edge {} joined group {} (slot {}, {} live groups)", partition, join.session(),
                join.groupKey(), slot, groups.size());
        replayer.join(group.get(), slot, join.target(), join.cut());
    }

    private int slotOf(PairJoin join) {
        if (join.slot() != null) {
            return join.slot();
        }
        Integer known = sessions.slotOf(join.session());
        if (known != null) {
            return known;
        }
        if (warnedSessions.add(join.session())) {
            log.warn("Edge session {} joins groups without saying which broadcasts partition it reads (an edge "
                    + "older than routed broadcasts?); its frames go to partition 0", join.session());
        }
        return 0;
    }

    private void forgetSession(EdgeGone gone) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = pairs.all()) {
            while (all.hasNext()) {
                String key = all.next().key;
                if (isPairOf(key, gone.session())) {
                    keys.add(key);
                }
            }
        }
        for (String key : keys) {
            SubscriptionKeys.Pair pair = (SubscriptionKeys.Pair) SubscriptionKeys.parse(key);
            pairs.delete(key);
            groups.leave(pair.groupKey(), pair.session(), partition);
            out.forgetPair(key);
        }
        pairs.delete(SubscriptionKeys.edge(gone.session()));
        Integer slot = sessions.slotOf(gone.session());
        if (gone.expired() && slot != null) {
            replayer.sessionExpired(gone.session(), slot);
        }
        sessions.gone(gone.session());
        if (!keys.isEmpty()) {
            metrics.expiredPairs(keys.size());
            log.info("Task {}: edge session {} {}; forgot its {} (group, edge) pairs", partition, gone.session(),
                    gone.expired() ? "expired" : "ended", keys.size());
        }
    }

    private static boolean isPairOf(String key, String session) {
        if (!key.endsWith("|" + session) || key.startsWith("~")) {
            return false;
        }
        try {
            return SubscriptionKeys.parse(key) instanceof SubscriptionKeys.Pair pair && pair.session().equals(session);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
