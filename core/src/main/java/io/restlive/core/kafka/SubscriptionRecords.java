package io.restlive.core.kafka;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ControlCommand;
import io.restlive.schemas.ControlKind;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import io.restlive.schemas.SubscriptionKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records of the subscriptions topic, with the partitions they go to: a retrieve group's commands to
 * its entity's partition (the task that applies that entity's changes), a list group's and every control
 * command to every partition (every task evaluates list groups). Edges, tools and tests all write them
 * through here.
 *
 * @param topic the subscriptions topic
 * @param partitions its partition count (the changes topic's)
 */
public record SubscriptionRecords(String topic, int partitions) {

    /**
     * The records of a join.
     *
     * @param command the join; its spec says whether it is a list or a retrieve group
     */
    public List<ProducerRecord<byte[], byte[]>> join(SubscriptionCommand command) {
        return to(partitionsOf(command.getSpec()), SubscriptionKeys.pair(command.getGroupKey(), command.getEdgeId()),
                AvroCodecs.encode(command));
    }

    /** The tombstones of a (group, session) pair's leave; {@code spec} says where the join went. */
    public List<ProducerRecord<byte[], byte[]>> leave(String groupKey, String session, GroupSpec spec) {
        return to(partitionsOf(spec), SubscriptionKeys.pair(groupKey, session), null);
    }

    /** An edge session starting, reading broadcasts partition {@code slot}. */
    public List<ProducerRecord<byte[], byte[]>> edgeStarted(String session, int slot) {
        return to(everyPartition(), SubscriptionKeys.edge(session), AvroCodecs.encode(ControlCommand.newBuilder()
                .setKind(ControlKind.EDGE_STARTED).setSession(session).setSlot(slot).setTs(Instant.now()).build()));
    }

    /** An edge session ending: every task forgets it and any pair of it left. */
    public List<ProducerRecord<byte[], byte[]>> edgeEnded(String session) {
        return to(everyPartition(), SubscriptionKeys.edge(session), null);
    }

    /** A reset of the stored versions of {@code model}, or of every model when it is null. */
    public List<ProducerRecord<byte[], byte[]>> resetVersions(String model) {
        return to(everyPartition(), SubscriptionKeys.reset(model), AvroCodecs.encode(ControlCommand.newBuilder()
                .setKind(ControlKind.RESET_VERSIONS).setModel(model).setTs(Instant.now()).build()));
    }

    /** The partitions a group's commands go to. */
    public List<Integer> partitionsOf(GroupSpec spec) {
        String entityKey = GroupSpecs.targetEntityKey(spec);
        return entityKey == null ? everyPartition() : List.of(EntityPartitioner.partitionOf(entityKey, partitions));
    }

    private List<Integer> everyPartition() {
        List<Integer> all = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            all.add(p);
        }
        return all;
    }

    private List<ProducerRecord<byte[], byte[]>> to(List<Integer> targets, String key, byte[] value) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(targets.size());
        for (int partition : targets) {
            records.add(new ProducerRecord<>(topic, partition, keyBytes, value));
        }
        return records;
    }
}
