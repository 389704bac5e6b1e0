package io.restlive.edge.groups;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.EdgeHeartbeat;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the broadcasts partition (slot) a starting edge reads: the one the fewest live edge sessions read,
 * as their latest heartbeats say (a session is live if it beat within three of its intervals). Ties are
 * broken at random, so that edges starting together spread out. Two edges on one slot still work; each
 * reads the other's frames too and skips them.
 */
public final class SlotChooser {

    private static final Logger log = LoggerFactory.getLogger(SlotChooser.class);

    private SlotChooser() {
    }

    /**
     * Reads the heartbeats topic to its end and chooses.
     *
     * @param consumer a consumer this method closes
     * @param heartbeatsTopic the edge-heartbeats topic
     * @param slots the broadcasts topic's partition count
     * @param nowMs the current time
     */
    public static int choose(Consumer<byte[], byte[]> consumer, String heartbeatsTopic, int slots, long nowMs,
                             Duration timeout) {
        try (consumer) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(heartbeatsTopic, timeout)
                    .forEach(p -> partitions.add(new TopicPartition(heartbeatsTopic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<String, EdgeHeartbeat> latest = new HashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read(record, latest);
                }
            }
            return choose(latest.values(), slots, nowMs, new Random());
        }
    }

    /** The least used slot among live sessions' heartbeats, ties broken by {@code random}. */
    static int choose(Iterable<EdgeHeartbeat> heartbeats, int slots, long nowMs, Random random) {
        int[] used = new int[slots];
        for (EdgeHeartbeat heartbeat : heartbeats) {
            boolean live = nowMs - heartbeat.getTs().toEpochMilli() <= 3 * heartbeat.getIntervalMs();
            if (live && heartbeat.getSlot() != null && heartbeat.getSlot() >= 0 && heartbeat.getSlot() < slots) {
                used[heartbeat.getSlot()]++;
            }
        }
        int least = Integer.MAX_VALUE;
        List<Integer> candidates = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++) {
            if (used[slot] < least) {
                least = used[slot];
                candidates.clear();
            }
            if (used[slot] == least) {
                candidates.add(slot);
            }
        }
        int chosen = candidates.get(random.nextInt(candidates.size()));
        log.info("Reading broadcasts slot {} of {} ({} other live edge session(s) read it)", chosen, slots, least);
        return chosen;
    }

    private static void read(ConsumerRecord<byte[], byte[]> record, Map<String, EdgeHeartbeat> latest) {
        String session = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (session == null) {
            return;
        }
        if (record.value() == null) {
            latest.remove(session);
            return;
        }
        try {
            latest.put(session, AvroCodecs.decodeHeartbeat(record.value()));
        } catch (IOException e) {
            log.debug("Skipping an unreadable heartbeat of {}: {}", session, e.getMessage());
        }
    }

    private static boolean reached(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
