package io.restlive.edge.protocol;

import io.restlive.schemas.GroupSpec;

/** This edge's side of subscription groups: who on this node listens to which group. */
public interface GroupMembership {

    /**
     * Adds a subscriber to a group and tells the processor when the edge's group is new.
     *
     * @param seen for a retrieve subscriber, what its lookup found (the processor then sends it a change it
     *     would otherwise miss); null for a list subscriber
     */
    void join(String groupKey, GroupSpec spec, Connection connection, Subscription subscription, SeenInstance seen);

    /** Removes a subscriber; the processor forgets the group once this edge has no subscriber left in it. */
    void leave(String groupKey, Connection connection, Subscription subscription);
}
