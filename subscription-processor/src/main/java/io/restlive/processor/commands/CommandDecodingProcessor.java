package io.restlive.processor.commands;

import io.restlive.processor.progress.InputProgress;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ControlCommand;
import io.restlive.schemas.SubscriptionCommand;
import io.restlive.schemas.SubscriptionKeys;
import java.io.IOException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the subscriptions topic's records into {@link TaskCommand}s. The topic is written only by edges
 * and by the processor itself, so a malformed record is a bug or a foreign writer: it is logged and skipped.
 */
public final class CommandDecodingProcessor implements Processor<String, byte[], String, TaskCommand> {

    private static final Logger log = LoggerFactory.getLogger(CommandDecodingProcessor.class);

    private final InputProgress progress;
    private ProcessorContext<String, TaskCommand> context;

    /** @param progress where this task's position in the topic is reported, for readiness */
    public CommandDecodingProcessor(InputProgress progress) {
        this.progress = progress;
    }

    @Override
    public void init(ProcessorContext<String, TaskCommand> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        context.recordMetadata().ifPresent(m -> progress.processed(m.topic(), m.partition(), m.offset()));
        TaskCommand command;
        try {
            command = decode(record.key(), record.value());
        } catch (IllegalArgumentException | IOException e) {
            log.warn("Ignoring subscriptions record with key '{}': {}", record.key(), e.getMessage());
            return;
        }
        context.forward(new Record<>(record.key(), command, record.timestamp()));
    }

    /**
     * The command a record means.
     *
     * @throws IllegalArgumentException if the key has none of the known shapes, or the value does not fit it
     * @throws IOException if the value is not the Avro record its key calls for
     */
    public static TaskCommand decode(String key, byte[] value) throws IOException {
        SubscriptionKeys.Key parsed = SubscriptionKeys.parse(key);
        if (parsed instanceof SubscriptionKeys.Pair pair) {
            return pairCommand(key, pair, value);
        }
        if (parsed instanceof SubscriptionKeys.Edge edge) {
            return edgeCommand(key, edge, value);
        }
        return new ResetVersions(key, ((SubscriptionKeys.Reset) parsed).model());
    }

    private static TaskCommand pairCommand(String key, SubscriptionKeys.Pair pair, byte[] value) throws IOException {
        SubscriptionCommand command = value == null ? null : AvroCodecs.decodeCommand(value);
        if (command == null || command.getSpec() == null) {
            return new PairLeave(key, pair.groupKey(), pair.session());
        }
        return new PairJoin(key, pair.groupKey(), pair.session(), command.getSpec(), command.getSlot(),
                command.getCut(), command.getTarget() == null ? pair.session() : command.getTarget(),
                command.getSnapshot(), value);
    }

    private static TaskCommand edgeCommand(String key, SubscriptionKeys.Edge edge, byte[] value) throws IOException {
        if (value == null) {
            return new EdgeGone(key, edge.session(), false);
        }
        ControlCommand command = AvroCodecs.decodeControl(value);
        return switch (command.getKind()) {
            case EDGE_STARTED -> {
                if (command.getSlot() == null) {
                    throw new IllegalArgumentException("EDGE_STARTED without a slot");
                }
                yield new EdgeStarted(key, edge.session(), command.getSlot(), value);
            }
            case EDGE_EXPIRED -> new EdgeGone(key, edge.session(), true);
            case RESET_VERSIONS -> throw new IllegalArgumentException("RESET_VERSIONS under an edge key");
        };
    }
}
