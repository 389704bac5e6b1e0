package io.restlive.bench.kafka;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.json.Json;
import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.View;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Announces and retracts list groups on the subscriptions topic the way an edge does, without WebSocket
 * clients: the matching scenario needs up to a million groups, far more than one machine holds connections.
 * The specs, keys and partitions come from core's {@link GroupSpecs} and {@link SubscriptionRecords}, the code
 * the edges use; the groups' frames go to broadcasts slot {@value #SLOT}, which no real edge holds them on.
 */
public final class GroupRegistrar implements AutoCloseable {

    /** The broadcasts partition the registered groups' frames are written to. */
    public static final int SLOT = 0;

    private final KafkaProducer<byte[], byte[]> producer;
    private final SubscriptionRecords records;
    private final View view;
    private final String edgeId;

    /**
     * @param topic the subscriptions topic
     * @param partitions its partition count (the changes topic's)
     * @param view the view the groups subscribe to (its queryset compares {@code group} with the kwarg)
     * @param edgeId the edge session the groups are announced for; no real edge has this id
     */
    public GroupRegistrar(BenchKafka kafka, String topic, int partitions, View view, String edgeId) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.records = new SubscriptionRecords(topic, partitions);
        this.view = view;
        this.edgeId = edgeId;
    }

    /** Announces the groups {@code view_kwargs={"group": v}} for v in {@code [from, to)}, and waits for the broker. */
    public void join(long from, long to) {
        for (long value = from; value < to; value++) {
            GroupSpec spec = spec(value);
            for (ProducerRecord<byte[], byte[]> record : records.join(SubscriptionCommand.newBuilder()
                    .setGroupKey(GroupSpecs.key(spec)).setEdgeId(edgeId).setSpec(spec).setTs(Instant.now())
                    .setSlot(SLOT).build())) {
                producer.send(record);
            }
        }
        producer.flush();
    }

    /** Retracts the groups for v in {@code [from, to)} (tombstones), and waits for the broker. */
    public void leave(long from, long to) {
        for (long value = from; value < to; value++) {
            GroupSpec spec = spec(value);
            records.leave(GroupSpecs.key(spec), edgeId, spec).forEach(producer::send);
        }
        producer.flush();
    }

    private GroupSpec spec(long value) {
        return GroupSpecs.spec(view, "list", null, Json.NODES.objectNode().put("group", value),
                Json.NODES.objectNode(), LiveUser.ANONYMOUS);
    }

    @Override
    public void close() {
        producer.close();
    }
}
