package io.restlive.edge.groups;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This edge's identity on the subscriptions and heartbeat topics: its configured edge id plus a token
 * of the current session ({@code edge-1#3fa2b1c0}), the {@code <session>} of its {@code <groupKey>|<session>}
 * keys, and the broadcasts slot (partition) it reads, which the processor writes its groups' frames to.
 *
 * <p>A new process starts a new session, so pairs left by a killed predecessor with the same edge id
 * are never mistaken for its own and expire with the old session. The session is renewed when the edge
 * may have been expired (its heartbeats stopped reaching the broker for a while): it then re-joins its
 * groups under the new session, which the processor has never expired. The slot stays.
 */
public final class EdgeSession {

    private final String edgeId;
    private final Set<String> all = ConcurrentHashMap.newKeySet();
    private volatile String id;
    private volatile int slot = -1;

    private EdgeSession(String edgeId, String id) {
        this.edgeId = edgeId;
        this.id = id;
        all.add(id);
    }

    /** A new session of {@code edgeId}. */
    public static EdgeSession start(String edgeId) {
        return new EdgeSession(edgeId, edgeId + "#" + token());
    }

    /** A session whose id is exactly {@code id}, for tests and tools. */
    public static EdgeSession fixed(String id) {
        return new EdgeSession(id, id);
    }

    /** The current session id. */
    public String id() {
        return id;
    }

    /** True for the current session id and every earlier one of this process (frames may still be addressed to them). */
    public boolean isMine(String sessionId) {
        return all.contains(sessionId);
    }

    /** The configured edge id the sessions are named after. */
    public String edgeId() {
        return edgeId;
    }

    /** The broadcasts partition this edge reads; -1 before it chose one. */
    public int slot() {
        return slot;
    }

    /** Records the slot chosen at start-up. */
    public void useSlot(int chosen) {
        if (chosen < 0) {
            throw new IllegalArgumentException("a slot is a partition number, not " + chosen);
        }
        slot = chosen;
    }

    /** Starts a new session; returns the id of the one it replaces. */
    public synchronized String renew() {
        String old = id;
        id = edgeId + "#" + token();
        all.add(id);
        return old;
    }

    private static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
