package io.restlive.edge.protocol;

import io.restlive.core.internalapi.SnapshotMembers;
import io.restlive.schemas.GroupSpec;

/** The current members of a list view, rendered for one group: protocol v2's in-band snapshot. */
public interface InstanceSnapshots {

    /**
     * The members of the group's view, at most {@code limit} of them (the count covers all).
     *
     * @throws InstanceLookup.LookupUnavailableException if the processor cannot answer
     */
    SnapshotMembers members(GroupSpec spec, int limit) throws InstanceLookup.LookupUnavailableException;
}
