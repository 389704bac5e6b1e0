package io.restlive.core.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of the changes (and subscriptions) topic owns an entity: the one Kafka's default
 * partitioner picks for the entity key ({@code <model>|<pk json>}), murmur2 of its UTF-8 bytes. The
 * processor routes every change to this partition whatever its producer did, edges send a retrieve group's
 * commands there, and Kafka Streams' own metadata ({@code queryMetadataForKey}) agrees with it.
 */
public final class EntityPartitioner {

    private EntityPartitioner() {
    }

    /**
     * The owner partition of an entity key.
     *
     * @param entityKey {@code <model>|<pk json>}
     * @param partitions the topic's partition count
     */
    public static int partitionOf(String entityKey, int partitions) {
        return partitionOf(entityKey.getBytes(StandardCharsets.UTF_8), partitions);
    }

    /** The owner partition of an entity key's UTF-8 bytes. */
    public static int partitionOf(byte[] entityKeyBytes, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(entityKeyBytes)) % partitions;
    }
}
