package io.restlive.edge.groups;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.CatchUpRequest;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Tells the processor which groups this edge holds: a join record, or a tombstone when the edge's last
 * subscriber left, keyed {@code <groupKey>|<session id>} on the compacted subscriptions topic.
 */
public final class GroupCommands {

    private static final Logger log = LoggerFactory.getLogger(GroupCommands.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final EdgeSession session;

    /** Commands under a session id that never changes, {@code edgeId} itself. */
    public GroupCommands(Producer<byte[], byte[]> producer, String topic, String edgeId) {
        this(producer, topic, EdgeSession.fixed(edgeId));
    }

    public GroupCommands(Producer<byte[], byte[]> producer, String topic, EdgeSession session) {
        this.producer = producer;
        this.topic = topic;
        this.session = session;
    }

    /** The session the commands are sent under. */
    public EdgeSession session() {
        return session;
    }

    /** Sends a join; the returned future completes when the broker has it. */
    public Future<RecordMetadata> join(String groupKey, GroupSpec spec) {
        return join(groupKey, spec, null);
    }

    /** Sends a join with a retrieve subscriber's catch-up request (null for none). */
    public Future<RecordMetadata> join(String groupKey, GroupSpec spec, CatchUpRequest catchUp) {
        String sessionId = session.id();
        SubscriptionCommand command = SubscriptionCommand.newBuilder()
                .setGroupKey(groupKey).setEdgeId(sessionId).setSpec(spec).setTs(Instant.now())
                .setCatchUp(catchUp).build();
        return producer.send(new ProducerRecord<>(topic, key(groupKey, sessionId), AvroCodecs.encode(command)),
                (metadata, failure) -> {
                    logFailure("join", groupKey, failure);
                    if (failure == null) {
                        log.debug("Join of group {} under {} written at {}-{}@{}", groupKey, sessionId,
                                metadata.topic(), metadata.partition(), metadata.offset());
                    }
                });
    }

    /** Sends a tombstone: this edge no longer holds the group. */
    public Future<RecordMetadata> leave(String groupKey) {
        return leave(groupKey, session.id());
    }

    /** Sends a tombstone for the group under an earlier session of this edge. */
    public Future<RecordMetadata> leave(String groupKey, String sessionId) {
        return producer.send(new ProducerRecord<>(topic, key(groupKey, sessionId), null),
                (metadata, failure) -> logFailure("leave", groupKey, failure));
    }

    private static void logFailure(String command, String groupKey, Exception failure) {
        if (failure != null) {
            // The producer retried until its delivery timeout: the heartbeat gap renews the session, which
            // joins every held group again.
            log.warn("Group {} {} was not delivered: {}", groupKey, command, failure.toString());
        }
    }

    private static byte[] key(String groupKey, String sessionId) {
        return (groupKey + "|" + sessionId).getBytes(StandardCharsets.UTF_8);
    }
}
