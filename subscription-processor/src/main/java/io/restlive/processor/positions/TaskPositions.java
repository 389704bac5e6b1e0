package io.restlive.processor.positions;

import io.restlive.schemas.TaskPosition;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The sequence numbers of one task: each change the task applies gets the next one, so a position
 * ({@link TaskPosition}) says which changes came after it.
 *
 * <p>Numbers must keep growing across restarts and moves of the task, without a write per change: the task
 * reserves them in blocks, recording in its store the end of the block it uses ({@code <epoch>:<end>}); after
 * a restart it continues one block after the recorded end, so the numbers a dead incarnation used are skipped,
 * never reused. One block more because the record of a reservation and the frames numbered from it go to
 * different partitions, in no order: a process killed just after reserving can leave frames from the new block
 * at the edges while its record never reached the changelog; the next owner would reuse those numbers, and the
 * edges drop a reused number's frames as already delivered. The store is logged, so a standby or a new owner
 * sees the same record. The epoch is drawn once, when the store has no record: a task whose state was lost
 * starts a new epoch, which tells edges that positions from before cannot be compared.
 */
public final class TaskPositions {

    /** The key of the task's one record in its store. */
    static final String KEY = "position";
    /** Sequence numbers reserved per store write. */
    static final long BLOCK = 1_000;

    private final KeyValueStore<String, byte[]> store;
    private final int partition;
    private final int epoch;
    private final long startedAfter;
    private long seq;
    private long reservedUpTo;
    private TaskPosition current;

    private TaskPositions(KeyValueStore<String, byte[]> store, int partition, int epoch, long startedAfter) {
        this.store = store;
        this.partition = partition;
        this.epoch = epoch;
        this.startedAfter = startedAfter;
        this.seq = startedAfter;
        this.reservedUpTo = startedAfter;
        this.current = new TaskPosition(partition, epoch, seq);
    }

    /** Continues after the block recorded in {@code store}, or starts a new epoch if it has none. */
    public static TaskPositions open(KeyValueStore<String, byte[]> store, int partition) {
        byte[] recorded = store.get(KEY);
        if (recorded == null) {
            int epoch = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            return new TaskPositions(store, partition, epoch, 0);
        }
        String[] parts = new String(recorded, StandardCharsets.US_ASCII).split(":");
        return new TaskPositions(store, partition, Integer.parseInt(parts[0]), Long.parseLong(parts[1]) + BLOCK);
    }

    /** Assigns the next sequence number to a change and returns the task's position after it. */
    public TaskPosition next() {
        seq++;
        if (seq > reservedUpTo) {
            reservedUpTo = seq + BLOCK - 1;
            store.put(KEY, (epoch + ":" + reservedUpTo).getBytes(StandardCharsets.US_ASCII));
        }
        current = new TaskPosition(partition, epoch, seq);
        return current;
    }

    /** The position after the last change applied. */
    public TaskPosition current() {
        return current;
    }

    /** The epoch of this task's state. */
    public int epoch() {
        return epoch;
    }

    /** The sequence number this incarnation started after: changes up to it were applied by earlier ones. */
    public long startedAfter() {
        return startedAfter;
    }
}
