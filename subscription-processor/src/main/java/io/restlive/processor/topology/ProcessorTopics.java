package io.restlive.processor.topology;

import io.restlive.schemas.TopicNames;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics the processor reads and writes, with their serdes.
 *
 * @param changes entity changes; raw bytes, decoded per record because several encodings share the topic
 * @param reroutedChanges changes the processor moved to their entity's partition; raw bytes as on changes
 * @param subscriptions group joins and leaves, and session commands; values stay raw, as the task's pair
 *     store keeps them
 * @param deadLetters rejected change records, unchanged
 * @param edgeHeartbeats edge sessions' liveness, keyed by session; raw Avro values
 * @param broadcasts what each change means to the groups of each slot (written only, through
 *     {@code routing.SlotRecordSerializer})
 */
public record ProcessorTopics(TopicDescriptor<byte[], byte[]> changes,
                              TopicDescriptor<byte[], byte[]> reroutedChanges,
                              TopicDescriptor<String, byte[]> subscriptions,
                              TopicDescriptor<byte[], byte[]> deadLetters,
                              TopicDescriptor<String, byte[]> edgeHeartbeats,
                              String broadcasts) {

    /** The descriptors for one set of topic names. */
    public static ProcessorTopics of(TopicNames names) {
        return new ProcessorTopics(
                new TopicDescriptor<>(names.changes(), Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicDescriptor<>(names.reroutedChanges(), Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicDescriptor<>(names.subscriptions(), Serdes.String(), Serdes.ByteArray()),
                new TopicDescriptor<>(names.deadLetters(), Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicDescriptor<>(names.edgeHeartbeats(), Serdes.String(), Serdes.ByteArray()),
                names.broadcasts());
    }
}
