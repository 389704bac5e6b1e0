package io.restlive.edge.groups;

import java.util.UUID;

/**
 * This edge's identity on the subscriptions and heartbeat topics: its configured edge id plus a token
 * of the current session ({@code edge-1#3fa2b1c0}), the {@code <edgeId>} of its {@code <groupKey>|<edgeId>}
 * keys.
 *
 * <p>A new process starts a new session, so pairs left by a killed predecessor with the same edge id
 * are never mistaken for its own and expire with the old session. The session is renewed when the edge
 * may have been expired (its heartbeats stopped reaching the broker for a while): it then re-joins its
 * groups under the new session, which the processor has never expired.
 */
public final class EdgeSession {

    private final String edgeId;
    private volatile String id;

    private EdgeSession(String edgeId, String id) {
        this.edgeId = edgeId;
        this.id = id;
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

    /** The configured edge id the sessions are named after. */
    public String edgeId() {
        return edgeId;
    }

    /** Starts a new session; returns the id of the one it replaces. */
    public synchronized String renew() {
        String old = id;
        id = edgeId + "#" + token();
        return old;
    }

    private static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
