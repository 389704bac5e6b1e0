package io.restlive.processor.progress;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.common.TopicPartition;

/**
 * How far this instance's tasks have read the topics they apply, against where those topics ended when the
 * instance started: a partition is caught up once every record that was in it at start-up has been
 * processed (or had been, by a committed earlier run). Readiness and lookups wait for it, so that an
 * instance never answers "not found" for an entity whose change is still waiting in its backlog.
 *
 * <p>Stream threads report each record's offset ({@link #processed}); any thread may ask. Partitions the
 * instance did not know at start-up are caught up by definition. The application's committed offsets count
 * too ({@link #committed}): a partition that another instance processed past the target and handed over, with
 * nothing written since, has no record left for this instance to report, and is caught up all the same.
 */
public final class InputProgress {

    /** Per topic, the offset to reach per partition (exclusive) and the next offset processed. */
    private record Topic(long[] targets, AtomicLongArray next) {
    }

    private final Map<String, Topic> topics = new ConcurrentHashMap<>();

    /** Progress that considers everything caught up: for tests and tools. */
    public static InputProgress untracked() {
        return new InputProgress();
    }

    /**
     * Sets the targets: for each partition of each topic, its end offset at start-up, unless the committed
     * offset already reached it.
     *
     * @param ends the end offset of every partition of the tracked topics
     * @param committed the consumer group's committed offsets (missing: nothing committed)
     * @param markerSlack how many offsets at a partition's end may be transaction markers rather than records
     *     (1 with exactly-once, whose writes end with a commit marker the consumer never hands over; else 0)
     */
    public void track(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed, int markerSlack) {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        ends.keySet().forEach(tp -> counts.merge(tp.topic(), tp.partition() + 1, Math::max));
        counts.forEach((topic, count) -> {
            long[] targets = new long[count];
            AtomicLongArray next = new AtomicLongArray(count);
            for (int p = 0; p < count; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                long end = ends.getOrDefault(tp, 0L);
                long done = committed.getOrDefault(tp, 0L);
                targets[p] = Math.max(0, end - markerSlack);
                next.set(p, done);
            }
            topics.put(topic, new Topic(targets, next));
        });
    }

    /** A stream thread processed the record at {@code offset}. */
    public void processed(String topic, int partition, long offset) {
        Topic progress = topics.get(topic);
        // Past its target a partition stays caught up: nothing to write on the hot path.
        if (progress != null && partition < progress.targets().length
                && progress.next().get(partition) < progress.targets()[partition]) {
            progress.next().accumulateAndGet(partition, offset + 1, Math::max);
        }
    }

    /**
     * The application committed {@code offset} on a partition: every record before it has been processed, by
     * this instance or another, and the state it made is what a task taking the partition over restores.
     */
    public void committed(String topic, int partition, long offset) {
        Topic progress = topics.get(topic);
        if (progress != null && partition < progress.targets().length) {
            progress.next().accumulateAndGet(partition, offset, Math::max);
        }
    }

    /** True once every partition of every tracked topic is caught up. */
    public boolean allCaughtUp() {
        for (Topic progress : topics.values()) {
            for (int p = 0; p < progress.targets().length; p++) {
                if (progress.next().get(p) < progress.targets()[p]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True once partition {@code partition} of every tracked topic is caught up. */
    public boolean caughtUp(int partition) {
        for (Topic progress : topics.values()) {
            if (partition < progress.targets().length
                    && progress.next().get(partition) < progress.targets()[partition]) {
                return false;
            }
        }
        return true;
    }

    /** How many records of the tracked topics' partition {@code partition} are still to be caught up. */
    public long behind(int partition) {
        long behind = 0;
        for (Topic progress : topics.values()) {
            if (partition < progress.targets().length) {
                behind += Math.max(0, progress.targets()[partition] - progress.next().get(partition));
            }
        }
        return behind;
    }
}
