package io.restlive.processor.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The changes a task applied recently, oldest first, bounded by count and age: what a join replays to
 * the subscriber it makes live (every change after the join's cut), so that a group going live late still
 * delivers what happened since the edge accepted the subscriber.
 *
 * <p>It also knows how far back it is complete: every change with a sequence number above
 * {@link #coveredAfter()} is here. That starts as the number the task's incarnation started after (changes
 * before it were applied by an earlier incarnation, whose history died with it) and moves up as old changes
 * are dropped. Single-threaded: one task owns it.
 */
public final class RecentChanges {

    private final ArrayDeque<AppliedChange> changes = new ArrayDeque<>();
    private final int capacity;
    private final long maxAgeMs;
    private long coveredAfter;

    /**
     * @param capacity the most changes kept
     * @param maxAge the oldest change kept
     * @param startedAfter the sequence number the task's incarnation started after
     */
    public RecentChanges(int capacity, Duration maxAge, long startedAfter) {
        this.capacity = capacity;
        this.maxAgeMs = maxAge.toMillis();
        this.coveredAfter = startedAfter;
    }

    /** Records a change the task applied; sequence numbers must grow. */
    public void add(AppliedChange change) {
        if (capacity == 0) {
            coveredAfter = change.seq();
            return;
        }
        while (changes.size() >= capacity) {
            coveredAfter = changes.removeFirst().seq();
        }
        changes.addLast(change);
    }

    /** Drops the changes applied before {@code nowMs} minus the age limit. */
    public void expire(long nowMs) {
        while (!changes.isEmpty() && changes.peekFirst().appliedAtMs() < nowMs - maxAgeMs) {
            coveredAfter = changes.removeFirst().seq();
        }
    }

    /** Every change with a sequence number above this one is kept. */
    public long coveredAfter() {
        return coveredAfter;
    }

    /** The kept changes with a sequence number above {@code seq}, oldest first. */
    public List<AppliedChange> after(long seq) {
        List<AppliedChange> out = new ArrayList<>();
        Iterator<AppliedChange> newestFirst = changes.descendingIterator();
        while (newestFirst.hasNext()) {
            AppliedChange change = newestFirst.next();
            if (change.seq() <= seq) {
                break;
            }
            out.add(change);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** How many changes are kept. */
    public int size() {
        return changes.size();
    }
}
