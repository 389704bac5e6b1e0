package io.restlive.edge.protocol;

import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.TaskPosition;
import java.util.List;

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
    void join(String groupKey, GroupSpec spec, Connection connection, Subscription subscription,
              List<TaskPosition> cut);

    /** Removes a subscriber; the processor forgets the group once this edge has no subscriber left in it. */
    void leave(String groupKey, Connection connection, Subscription subscription);
}
