package io.restlive.edge.groups;

import io.restlive.schemas.TaskPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How far this edge has read each processor task's records on its slot: the position of the last record
 * (a frame, a notice or a marker) of each task. The broadcast consumer moves it; a subscribe takes a copy
 * as its cut, so that the subscriber gets every change applied after what the edge had read when it
 * accepted it. A task's records reach a slot in position order, so everything up to a task's position here
 * has been read.
 */
public final class ReadPositions {

    private final int partitions;
    /** Per task: epoch in the high 32 bits, 0 while unknown; the sequence number in {@link #seqs}. */
    private final AtomicLongArray epochs;
    private final AtomicLongArray seqs;

    /** @param partitions the number of processor tasks (the changes topic's partitions) */
    public ReadPositions(int partitions) {
        this.partitions = partitions;
        this.epochs = new AtomicLongArray(partitions);
        this.seqs = new AtomicLongArray(partitions);
    }

    /** The number of tasks. */
    public int partitions() {
        return partitions;
    }

    /**
     * Records that a record of a task at {@code position} was read; called by the consumer thread only.
     *
     * @return true if the task's epoch changed (its state was rebuilt, its sequence numbers started again)
     */
    public boolean advance(TaskPosition position) {
        int p = position.getPartition();
        if (p < 0 || p >= partitions) {
            return false;
        }
        long epoch = epochOf(position.getEpoch());
        if (epochs.get(p) != epoch) {
            seqs.set(p, position.getSeq());
            epochs.set(p, epoch);
            return true;
        }
        if (position.getSeq() > seqs.get(p)) {
            seqs.set(p, position.getSeq());
        }
        return false;
    }

    /** True once a record of every task has been read. */
    public boolean knowsEveryTask() {
        for (int p = 0; p < partitions; p++) {
            if (epochs.get(p) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The position read of task {@code partition}, or null while none is known. */
    public TaskPosition of(int partition) {
        long epoch = partition >= 0 && partition < partitions ? epochs.get(partition) : 0;
        return epoch == 0 ? null : new TaskPosition(partition, (int) (epoch >>> 32), seqs.get(partition));
    }

    /** The position of every task read so far (unknown tasks are left out: a join then says so). */
    public List<TaskPosition> snapshot() {
        List<TaskPosition> cut = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            long seq = seqs.get(p);
            long epoch = epochs.get(p);
            if (epoch != 0) {
                cut.add(new TaskPosition(p, (int) (epoch >>> 32), seq));
            }
        }
        return cut;
    }

    private static long epochOf(int epoch) {
        // Shifted so that no epoch reads as "unknown" (0).
        return ((long) epoch << 32) | 1L;
    }
}
