package io.restlive.processor.lookup;

import org.apache.kafka.streams.state.HostInfo;

/** Asks another instance to look an entity up in its own stores only. */
public interface RemoteLookup {

    /** The other instance's answer; {@link LookupResult.Unavailable} if it cannot be reached. */
    LookupResult ask(HostInfo host, LookupQuery query);
}
