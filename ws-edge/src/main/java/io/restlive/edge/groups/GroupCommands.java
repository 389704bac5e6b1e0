package io.restlive.edge.groups;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import java.time.Instant;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Tells the processor which groups this edge holds: a join record, or a tombstone when the edge's last
 * subscriber left, keyed {@code <groupKey>|<edgeId>} on the compacted subscriptions topic.
 */
public final class GroupCommands {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String edgeId;

    public GroupCommands(Producer<byte[], byte[]> producer, String topic, String edgeId) {
        this.producer = producer;
        this.topic = topic;
        this.edgeId = edgeId;
    }

    /** Sends a join; the returned future completes when the broker has it. */
    public Future<RecordMetadata> join(String groupKey, GroupSpec spec) {
        SubscriptionCommand command = SubscriptionCommand.newBuilder()
                .setGroupKey(groupKey).setEdgeId(edgeId).setSpec(spec).setTs(Instant.now()).build();
        return producer.send(new ProducerRecord<>(topic, key(groupKey), AvroCodecs.encode(command)));
    }

    /** Sends a tombstone: this edge no longer holds the group. */
    public Future<RecordMetadata> leave(String groupKey) {
        return producer.send(new ProducerRecord<>(topic, key(groupKey), null));
    }

    private byte[] key(String groupKey) {
        return (groupKey + "|" + edgeId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
