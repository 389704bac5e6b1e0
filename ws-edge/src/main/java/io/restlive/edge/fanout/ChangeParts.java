package io.restlive.edge.fanout;

import io.restlive.schemas.ChangeFrames;
import io.restlive.schemas.TaskPosition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the parts of a change that came in several records until its last part, so that a connection gets
 * the change's frames together, in subscription order. A change whose last part never comes (its writer
 * died in the middle) is dropped after {@value #MAX_PENDING} others started. One thread uses it.
 */
final class ChangeParts {

    static final int MAX_PENDING = 64;

    private record Key(int partition, int epoch, long seq) {
    }

    private final Map<Key, List<ChangeFrames>> pending = new LinkedHashMap<>();

    /** Adds a part; returns every part of the change once the last one is in, else null. */
    List<ChangeFrames> add(TaskPosition position, ChangeFrames part) {
        if (part.getPart() == 0 && part.getLast()) {
            return List.of(part);
        }
        Key key = new Key(position.getPartition(), position.getEpoch(), position.getSeq());
        List<ChangeFrames> parts = pending.computeIfAbsent(key, k -> new ArrayList<>(2));
        parts.add(part);
        if (!part.getLast()) {
            trim();
            return null;
        }
        pending.remove(key);
        return parts;
    }

    int pending() {
        return pending.size();
    }

    private void trim() {
        Iterator<Key> oldest = pending.keySet().iterator();
        while (pending.size() > MAX_PENDING && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
