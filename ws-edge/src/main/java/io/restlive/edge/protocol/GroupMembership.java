package io.restlive.edge.protocol;

import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.TaskPosition;
import java.util.List;
import java.util.Map;

/** This edge's side of subscription groups: who on this node listens to which group. */
public interface GroupMembership {

    /**
     * The positions this edge has read now: a subscribe takes them the moment it arrives, and is live from
     * there.
     */
    List<TaskPosition> readPositions();

    /**
     * Adds a subscriber to a group and tells the processor when the edge's group is new; the subscriber
     * receives every change applied after {@code cut}, even if the group goes live later.
     *
     * @param cut the positions read when the subscribe arrived ({@link #readPositions()})
     */
    default void join(String groupKey, GroupSpec spec, Connection connection, Subscription subscription,
                      List<TaskPosition> cut) {
        join(groupKey, spec, connection, subscription, cut, null);
    }

    /**
     * As {@link #join(String, GroupSpec, Connection, Subscription, List)}, for a v2 subscriber whose snapshot
     * showed these versions (by entity pk as frames name it; null without a snapshot): frames up to them are
     * not delivered to it, and it is told {@code subscribed} once live.
     */
    void join(String groupKey, GroupSpec spec, Connection connection, Subscription subscription,
              List<TaskPosition> cut, Map<String, Long> snapshotVersions);

    /**
     * Whether this edge holds the group now: a subscribe to a group it holds costs the processors nothing, one
     * to a group it does not starts the group in their tasks.
     */
    boolean holds(String groupKey);

    /** The number of processor tasks (a v2 position names each). */
    default int tasks() {
        return 64;
    }

    /** Ends subscriptions from the groups' side (a v2 {@code reset}): set by the protocol. */
    interface Ending {
        /** Removes the subscription from its connection and group, then sends {@code frame}. */
        void end(Connection connection, Subscription subscription, String frame);
    }

    /** Removes a subscriber; the processor forgets the group once this edge has no subscriber left in it. */
    void leave(String groupKey, Connection connection, Subscription subscription);
}
