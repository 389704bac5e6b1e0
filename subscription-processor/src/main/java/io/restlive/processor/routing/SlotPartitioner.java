package io.restlive.processor.routing;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Sends each {@link SlotRecord} to its slot. */
public final class SlotPartitioner implements StreamPartitioner<String, SlotRecord> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, SlotRecord value, int numPartitions) {
        if (value.slot() >= numPartitions) {
            // An edge picked its slot from a larger topic than this one: a misconfiguration it logs itself.
            return Optional.of(Set.of(value.slot() % numPartitions));
        }
        return Optional.of(Set.of(value.slot()));
    }
}
