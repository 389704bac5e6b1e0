package io.restlive.processor.snapshot;

import io.restlive.core.internalapi.SnapshotRequest;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another instance for the members of a view in its own stores only. */
public interface RemoteSnapshot {

    /** The other instance's answer; {@link SnapshotResult.NotReady} if it cannot be reached or answer. */
    SnapshotResult ask(HostInfo host, SnapshotRequest query);
}
