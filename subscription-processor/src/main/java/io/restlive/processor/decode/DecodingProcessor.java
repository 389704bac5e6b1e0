package io.restlive.processor.decode;

import io.restlive.core.kafka.EntityPartitioner;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.processor.progress.InputProgress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes every record of the changes topic (and of the rerouted-changes topic) and sends it on:
 * <ul>
 *   <li>a change found on its entity's partition goes to membership, keyed by its entity key;</li>
 *   <li>a change found on another partition (its producer keyed it otherwise, or partitioned with another
 *       hash than Java's, as librdkafka's CRC32 default does) goes to the rerouted-changes topic keyed by
 *       its entity key, which lands it on its entity's partition; it comes back through this processor
 *       from there and is then applied by the right task;</li>
 *   <li>a rejected record (undecodable, or of a model no view names unless such changes are kept) goes
 *       unchanged to the dead-letter sink with the reason in headers.</li>
 * </ul>
 * Rerouting keeps a producer partition's order: its changes of one entity all take the same path.
 *
 * <p>Its children take different types (decoded changes, raw bytes), which Kafka's typed processor API
 * cannot express for one processor, hence {@code Object} outputs.
 */
public final class DecodingProcessor implements Processor<byte[], byte[], Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(DecodingProcessor.class);

    private final ChangeDecoders decoders;
    private final ProcessorMetrics metrics;
    private final Set<String> models;
    private final int partitions;
    private final String changesTopic;
    private final InputProgress progress;
    private final Children children;
    private ProcessorContext<Object, Object> context;

    /**
     * Where decoded, rerouted and rejected records go.
     *
     * @param changes the processor that applies changes
     * @param reroute the sink of the rerouted-changes topic
     * @param deadLetters the sink of rejected records
     */
    public record Children(String changes, String reroute, String deadLetters) {
    }

    /**
     * @param decoders the accepted encodings
     * @param metrics where rejections and reroutes are counted
     * @param models the models views name; a change of another model is dead-lettered. Null keeps every model.
     * @param partitions the changes topic's partition count; 0 (unknown) never reroutes
     * @param changesTopic the topic whose records may be on the wrong partition (rerouted ones never are)
     * @param progress where this task's position in its topics is reported, for readiness
     * @param children where records go
     */
    public DecodingProcessor(ChangeDecoders decoders, ProcessorMetrics metrics, Set<String> models, int partitions,
                             String changesTopic, InputProgress progress, Children children) {
        this.decoders = decoders;
        this.metrics = metrics;
        this.models = models;
        this.partitions = partitions;
        this.changesTopic = changesTopic;
        this.progress = progress;
        this.children = children;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        progress.processed(source.topic(), source.partition(), source.offset());
        ChangeEvent change;
        try {
            change = decoders.decode(record.value(), record.timestamp());
        } catch (InvalidChangeException e) {
            deadLetter(record, source, DeadLetters.Kind.MALFORMED, e.getMessage());
            return;
        }
        if (models != null && !models.contains(change.model())) {
            deadLetter(record, source, DeadLetters.Kind.UNKNOWN_MODEL, "model '" + change.model() + "' is not named by any view (keep such changes "
                    + "with rest-live.unknown-models=keep)");
            return;
        }
        if (partitions > 0 && source.topic().equals(changesTopic)
                && source.partition() != EntityPartitioner.partitionOf(change.entityKey(), partitions)) {
            metrics.rerouted();
            context.forward(new Record<Object, Object>(change.entityKey().getBytes(StandardCharsets.UTF_8),
                    record.value(), record.timestamp(), record.headers()), children.reroute());
            return;
        }
        context.forward(new Record<Object, Object>(change.entityKey(), change, record.timestamp(),
                record.headers()), children.changes());
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata source, DeadLetters.Kind kind,
                            String reason) {
        log.warn("Dead-lettering {}-{}@{} ({}): {}", source.topic(), source.partition(), source.offset(), kind.tag(),
                reason);
        metrics.deadLettered(kind.tag());
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(record.headers(), source.topic(), source.partition(), source.offset(), kind,
                        reason)), children.deadLetters());
    }
}
