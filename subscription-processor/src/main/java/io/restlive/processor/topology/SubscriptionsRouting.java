package io.restlive.processor.topology;

import io.restlive.processor.liveness.EveryPartition;
import io.restlive.processor.membership.PairTombstone;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Where the processor's own writes to the subscriptions topic go, and how they are serialized. */
final class SubscriptionsRouting {

    private SubscriptionsRouting() {
    }

    /** A forgotten pair's tombstone goes to the partition of the task that forgot it. */
    static StreamPartitioner<String, PairTombstone> ownPartition() {
        return (topic, key, value, partitions) -> Optional.of(Set.of(value.partition()));
    }

    /** A tombstone: no bytes. */
    static Serializer<PairTombstone> pairTombstones() {
        return (topic, value) -> null;
    }

    /** A session command goes to every partition: every task applies it. */
    static StreamPartitioner<String, EveryPartition> everyPartition() {
        return (topic, key, value, partitions) -> Optional.of(IntStream.range(0, partitions).boxed()
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** The command's bytes, or none for a tombstone. */
    static Serializer<EveryPartition> everyPartitionValues() {
        return (topic, value) -> value.bytes();
    }
}
