package io.restlive.processor.membership;

import io.restlive.processor.routing.SlotRecord;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.TaskPosition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps every live slot told of this task's position. An edge makes a subscription live from the position
 * it has read when it accepts the subscriber, so a slot that has seen nothing of this task for a while would
 * make new subscriptions replay more than they need: every {@code position-interval}, each slot whose last
 * record from this task is older than the task's position gets a marker. One task owns it.
 */
final class SlotMarkers {

    private final Map<Integer, Long> lastSent = new HashMap<>();

    /** A record of this task at {@code seq} went to {@code slot}. */
    void sent(int slot, long seq) {
        lastSent.merge(slot, seq, Math::max);
    }

    /** Sends a marker to every slot in {@code slots} that is behind {@code position}. */
    void mark(Iterable<Integer> slots, TaskPosition position, TaskOutput out) {
        for (int slot : slots) {
            Long sent = lastSent.get(slot);
            if (sent == null || sent < position.getSeq()) {
                markNow(slot, position, out);
            }
        }
    }

    /** Sends a marker to {@code slot} now (a session just started reading it). */
    void markNow(int slot, TaskPosition position, TaskOutput out) {
        out.broadcast(new SlotRecord(slot, null, marker(position)));
        sent(slot, position.getSeq());
    }

    static EdgeBroadcast marker(TaskPosition position) {
        return EdgeBroadcast.newBuilder().setPosition(position).setChange(null).setNotices(List.of()).build();
    }
}
