package io.restlive.processor.membership;

import io.restlive.processor.commands.TaskCommand;
import io.restlive.processor.decode.ChangeEvent;
import io.restlive.processor.decode.DeadLetters;
import io.restlive.processor.entities.StoredEntity;
import io.restlive.processor.groups.GroupFactory;
import io.restlive.processor.groups.GroupIndex;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.processor.positions.TaskPositions;
import io.restlive.processor.replay.RecentChanges;
import io.restlive.processor.routing.SlotRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task of one partition: applies its entities' changes ({@link ChangeApplier}) and its partition of the
 * subscriptions topic ({@link CommandApplier}) in one order, so that a group goes live in the task at an
 * exact point between two changes. Every {@code position-interval} it tells live slots its position and
 * drops history past its age.
 *
 * <p>Outputs: broadcast records ({@link SlotRecord}) to the broadcasts sink, tombstones of forgotten pairs
 * to the subscriptions sink, and changes whose frames are too large to the dead-letter sink.
 */
public final class MembershipProcessor implements Processor<String, Object, Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(MembershipProcessor.class);

    /** The names of the task's stores and children, and what the task is built from. */
    public record Wiring(String entitiesStore, String pairsStore, String positionStore, String broadcastsSink,
                         String subscriptionsSink, String deadLettersSink, GroupIndex groups, GroupFactory factory,
                         MembershipSettings settings, ProcessorMetrics metrics) {
    }

    private final Wiring wiring;
    private ProcessorContext<Object, Object> context;
    private int partition;
    private ChangeApplier changes;
    private CommandApplier commands;
    private RecentChanges history;
    private TaskSessions sessions;
    private SlotMarkers markers;
    private TaskPositions positions;

    public MembershipProcessor(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        GroupIndex.bit(partition);
        KeyValueStore<String, StoredEntity> entities = context.getStateStore(wiring.entitiesStore());
        KeyValueStore<String, byte[]> pairs = context.getStateStore(wiring.pairsStore());
        positions = TaskPositions.open(context.getStateStore(wiring.positionStore()), partition);
        MembershipSettings settings = wiring.settings();
        history = new RecentChanges(settings.historySize(), settings.historyAge(), positions.startedAfter());
        sessions = new TaskSessions();
        markers = new SlotMarkers();
        TaskOutput out = new Output();
        changes = new ChangeApplier(partition, entities, wiring.groups(), positions, history, settings, markers,
                wiring.metrics(), out);
        JoinReplayer replayer = new JoinReplayer(partition, positions, history, settings, markers, wiring.metrics(), out);
        commands = new CommandApplier(partition, pairs, wiring.groups(), wiring.factory(), sessions, positions, markers,
                replayer, new VersionReset(partition, entities), wiring.metrics(), out);
        commands.restore();
        log.info("Task {} starts at epoch {} after seq {}", partition, positions.epoch(), positions.startedAfter());
        context.schedule(settings.positionInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof ChangeEvent change) {
            changes.apply(change);
        } else if (record.value() instanceof TaskCommand command) {
            commands.apply(command);
        } else {
            throw new IllegalArgumentException("membership got a " + record.value().getClass().getName());
        }
    }

    private void tick(long nowMs) {
        history.expire(nowMs);
        markers.mark(sessions.liveSlots(), positions.current(), new Output());
    }

    @Override
    public void close() {
        // The task leaves this instance (or it stops): the groups it held here are no longer its to evaluate.
        wiring.groups().forgetTask(partition);
    }

    /** Forwards to the task's children. */
    private final class Output implements TaskOutput {

        @Override
        public void broadcast(SlotRecord record) {
            context.forward(new Record<Object, Object>(record.key(), record, now()), wiring.broadcastsSink());
        }

        @Override
        public void frameTooLarge(ChangeEvent change, String reason) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            log.warn("Dead-lettering {}-{}@{} ({}): {}", source.topic(), source.partition(), source.offset(),
                    DeadLetters.Kind.FRAME_TOO_LARGE.tag(), reason);
            wiring.metrics().deadLettered(DeadLetters.Kind.FRAME_TOO_LARGE.tag());
            context.forward(new Record<Object, Object>(change.entityKey().getBytes(StandardCharsets.UTF_8),
                    change.raw(), now(), DeadLetters.headers(new org.apache.kafka.common.header.internals.RecordHeaders(),
                    source.topic(), source.partition(), source.offset(), DeadLetters.Kind.FRAME_TOO_LARGE, reason)),
                    wiring.deadLettersSink());
        }

        @Override
        public void forgetPair(String key) {
            context.forward(new Record<Object, Object>(key, new PairTombstone(partition), now()),
                    wiring.subscriptionsSink());
        }

        @Override
        public long now() {
            return context.currentSystemTimeMs();
        }
    }
}
