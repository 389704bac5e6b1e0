package io.restlive.bench.kafka;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.View;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Announces and retracts list groups on the subscriptions topic the way an edge does, without WebSocket
 * clients: the matching scenario needs up to a million groups, far more than one machine holds connections.
 * The specs and keys come from core's {@link GroupSpecs}, the code the edges use.
 */
public final class GroupRegistrar implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final View view;
    private final String edgeId;

    /**
     * @param topic the subscriptions topic
     * @param view the view the groups subscribe to (its queryset compares {@code group} with the kwarg)
     * @param edgeId the edge the groups are announced for; no real edge has this id
     */
    public GroupRegistrar(BenchKafka kafka, String topic, View view, String edgeId) {
        this.producer = kafka.producer();
        this.topic = topic;
        this.view = view;
        this.edgeId = edgeId;
    }

    /** Announces the groups {@code view_kwargs={"group": v}} for v in {@code [from, to)}, and waits for the broker. */
    public void join(long from, long to) {
        for (long value = from; value < to; value++) {
            GroupSpec spec = spec(value);
            String key = GroupSpecs.key(spec);
            producer.send(new ProducerRecord<>(topic, key + "|" + edgeId, AvroCodecs.encode(
                    SubscriptionCommand.newBuilder().setGroupKey(key).setEdgeId(edgeId).setSpec(spec)
                            .setTs(Instant.now()).build())));
        }
        producer.flush();
    }

    /** Retracts the groups for v in {@code [from, to)} (tombstones), and waits for the broker. */
    public void leave(long from, long to) {
        for (long value = from; value < to; value++) {
            producer.send(new ProducerRecord<>(topic, GroupSpecs.key(spec(value)) + "|" + edgeId, null));
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
