package io.restlive.edge.groups;

import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import io.restlive.schemas.TaskPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the processor which groups this edge holds and where their frames go: a join (with the broadcasts
 * slot this edge reads and the positions it had read when it accepted the first subscriber), or a tombstone
 * when the edge's last subscriber left; and the session's start and end. {@link SubscriptionRecords} decides
 * the keys and partitions.
 */
public final class GroupCommands {

    private static final Logger log = LoggerFactory.getLogger(GroupCommands.class);

    private final Producer<byte[], byte[]> producer;
    private final SubscriptionRecords records;
    private final EdgeSession session;

    /**
     * @param producer the edge's producer
     * @param records the subscriptions topic and its partition count
     * @param session this edge's session, with its slot
     */
    public GroupCommands(Producer<byte[], byte[]> producer, SubscriptionRecords records, EdgeSession session) {
        this.producer = producer;
        this.records = records;
        this.session = session;
    }

    /** The session the commands are sent under. */
    public EdgeSession session() {
        return session;
    }

    /** Announces the session and its slot to every processor task (each answers with its position). */
    public List<Future<RecordMetadata>> startSession() {
        return send("start", session.id(), records.edgeStarted(session.id(), session.slot()));
    }

    /** Ends the session: every processor task forgets it and any pair of it still held. */
    public List<Future<RecordMetadata>> endSession() {
        return send("end", session.id(), records.edgeEnded(session.id()));
    }

    /**
     * Sends a join; the returned futures complete when the broker has every record of it.
     *
     * @param cut the positions read when the first subscriber was accepted
     */
    public List<Future<RecordMetadata>> join(String groupKey, GroupSpec spec, List<TaskPosition> cut) {
        String sessionId = session.id();
        SubscriptionCommand command = SubscriptionCommand.newBuilder()
                .setGroupKey(groupKey).setEdgeId(sessionId).setSpec(spec).setTs(Instant.now())
                .setSlot(session.slot()).setCut(cut).build();
        List<Future<RecordMetadata>> sent = send("join", groupKey, records.join(command));
        log.debug("Join of group {} under {} sent to {} partition(s)", groupKey, sessionId, sent.size());
        return sent;
    }

    /**
     * Sends a join of a group this edge already holds, addressed to one subscriber: the tasks replay their
     * changes since {@code cut} to {@code memberKey} and answer it with a notice.
     */
    public List<Future<RecordMetadata>> catchUp(String groupKey, GroupSpec spec, List<TaskPosition> cut,
                                                String memberKey) {
        SubscriptionCommand command = SubscriptionCommand.newBuilder()
                .setGroupKey(groupKey).setEdgeId(session.id()).setSpec(spec).setTs(Instant.now())
                .setSlot(session.slot()).setCut(cut).setTarget(memberKey).build();
        return send("catch-up", groupKey, records.join(command));
    }

    /** The partitions (processor tasks) a group's commands go to. */
    public List<Integer> partitionsOf(GroupSpec spec) {
        return records.partitionsOf(spec);
    }

    /** Sends the tombstones of a leave: this edge no longer holds the group. */
    public List<Future<RecordMetadata>> leave(String groupKey, GroupSpec spec) {
        return leave(groupKey, spec, session.id());
    }

    /** Sends the tombstones for the group under an earlier session of this edge. */
    public List<Future<RecordMetadata>> leave(String groupKey, GroupSpec spec, String sessionId) {
        return send("leave", groupKey, records.leave(groupKey, sessionId, spec));
    }

    private List<Future<RecordMetadata>> send(String command, String subject,
                                             List<ProducerRecord<byte[], byte[]>> batch) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (ProducerRecord<byte[], byte[]> record : batch) {
            sent.add(producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    // The producer retried until its delivery timeout: the heartbeat gap renews the session,
                    // which joins every held group again.
                    log.warn("{} {} was not delivered to partition {}: {}", command, subject, record.partition(),
                            failure.toString());
                }
            }));
        }
        return sent;
    }
}
