package io.restlive.edge.protocol;

import io.restlive.schemas.GroupSpec;

/** This edge's side of subscription groups: who on this node listens to which group. */
public interface GroupMembership {

    /** Adds a subscriber to a group; the group becomes live on the processor before this returns. */
    void join(String groupKey, GroupSpec spec, Connection connection, Subscription subscription);

    /** Removes a subscriber; the processor forgets the group once this edge has no subscriber left in it. */
    void leave(String groupKey, Connection connection, Subscription subscription);
}
