package io.restlive.edge.protocol;

import io.restlive.schemas.TaskPosition;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a v2 subscribe adds to v1's: a snapshot first, or a resume from a position (which wins: a resumed
 * subscription already holds its state).
 *
 * @param snapshot send the view's current members before {@code subscribed}
 * @param resume the positions to continue from; null for a new subscription
 */
record V2Options(boolean snapshot, List<TaskPosition> resume) {

    /** A v1 subscribe. */
    static final V2Options NONE = new V2Options(false, null);

    /** Reads a subscribe's v2 fields. */
    static V2Options of(ObjectNode message, int tasks) throws ProtocolError {
        boolean snapshot = false;
        JsonNode snapshotNode = message.get("snapshot");
        if (snapshotNode != null && !snapshotNode.isNull()) {
            if (!snapshotNode.isBoolean()) {
                throw new ProtocolError(400, "`snapshot` must be a boolean.");
            }
            snapshot = snapshotNode.asBoolean();
        }
        List<TaskPosition> resume = null;
        JsonNode resumeNode = message.get("resume");
        if (resumeNode != null && !resumeNode.isNull()) {
            resume = (resumeNode.isString() ? PositionText.parse(resumeNode.asString(), tasks)
                    : Optional.<List<TaskPosition>>empty())
                    .orElseThrow(() -> new ProtocolError(400, "`resume` is not a position of this server."));
        }
        return new V2Options(snapshot, resume);
    }
}
