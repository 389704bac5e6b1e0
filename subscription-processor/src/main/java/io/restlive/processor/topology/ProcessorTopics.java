package io.restlive.processor.topology;

import io.restlive.schemas.ChangeBroadcast;
import io.restlive.schemas.TopicNames;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics the processor reads and writes, with their serdes.
 *
 * @param changes entity changes; raw bytes, decoded per record because several encodings share the topic
 * @param subscriptions group joins and leaves; values stay raw so the global store mirrors the topic
 * @param broadcasts what each change means to the groups, keyed by entity
 * @param deadLetters rejected change records, unchanged
 * @param edgeHeartbeats edge sessions' liveness, keyed by session; raw Avro values
 */
public record ProcessorTopics(TopicDescriptor<byte[], byte[]> changes,
                              TopicDescriptor<String, byte[]> subscriptions,
                              TopicDescriptor<String, ChangeBroadcast> broadcasts,
                              TopicDescriptor<byte[], byte[]> deadLetters,
                              TopicDescriptor<String, byte[]> edgeHeartbeats) {

    /** The descriptors for one set of topic names. */
    public static ProcessorTopics of(TopicNames names) {
        return new ProcessorTopics(
                new TopicDescriptor<>(names.changes(), Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicDescriptor<>(names.subscriptions(), Serdes.String(), Serdes.ByteArray()),
                new TopicDescriptor<>(names.broadcasts(), Serdes.String(), new AvroBroadcastSerde()),
                new TopicDescriptor<>(names.deadLetters(), Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicDescriptor<>(names.edgeHeartbeats(), Serdes.String(), Serdes.ByteArray()));
    }
}
