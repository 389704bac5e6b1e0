package io.restlive.processor.decode;

import io.restlive.processor.metrics.ProcessorMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes every record of the changes topic; good ones go on to membership keyed by their entity key,
 * rejected ones go unchanged to the dead-letter sink with the reason in headers.
 *
 * <p>Its two children take different types (decoded changes, raw bytes), which Kafka's typed
 * processor API cannot express for one processor, hence {@code Object} outputs.
 */
public final class DecodingProcessor implements Processor<byte[], byte[], Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(DecodingProcessor.class);

    private final ChangeDecoders decoders;
    private final ProcessorMetrics metrics;
    private final String changesChild;
    private final String deadLettersChild;
    private ProcessorContext<Object, Object> context;

    /**
     * @param decoders the accepted encodings
     * @param metrics where rejections are counted
     * @param changesChild the processor that receives decoded changes
     * @param deadLettersChild the sink of rejected records
     */
    public DecodingProcessor(ChangeDecoders decoders, ProcessorMetrics metrics, String changesChild,
                             String deadLettersChild) {
        this.decoders = decoders;
        this.metrics = metrics;
        this.changesChild = changesChild;
        this.deadLettersChild = deadLettersChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ChangeEvent change;
        try {
            change = decoders.decode(record.value(), record.timestamp());
        } catch (InvalidChangeException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        context.forward(new Record<Object, Object>(change.entityKey(), change, record.timestamp(),
                record.headers()), changesChild);
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        log.warn("Dead-lettering {}-{}@{}: {}", source.topic(), source.partition(), source.offset(), reason);
        metrics.deadLettered();
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(record.headers(), source.topic(), source.partition(), source.offset(), reason)),
                deadLettersChild);
    }
}
