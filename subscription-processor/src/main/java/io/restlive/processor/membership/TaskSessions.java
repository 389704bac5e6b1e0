package io.restlive.processor.membership;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The edge sessions a task knows to be live, and the broadcasts slot each reads. One task owns it. */
final class TaskSessions {

    private final Map<String, Integer> slots = new HashMap<>();

    void started(String session, int slot) {
        slots.put(session, slot);
    }

    void gone(String session) {
        slots.remove(session);
    }

    /** The slot a session reads, or null if the task never heard of it. */
    Integer slotOf(String session) {
        return slots.get(session);
    }

    /** The slots of every live session, each once. */
    Collection<Integer> liveSlots() {
        Set<Integer> live = new HashSet<>(slots.values());
        return live;
    }
}
