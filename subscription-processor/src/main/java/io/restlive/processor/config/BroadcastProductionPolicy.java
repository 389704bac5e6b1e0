package io.restlive.processor.config;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a record the broker refuses means to the processor. A broadcast or dead letter that is too large (a
 * broker whose {@code max.message.bytes} is below the processor's record budget, which the processor splits
 * records to fit) is skipped and logged: those frames are lost, but processing goes on for everyone else.
 * Anything else (a changelog write, a rerouted change, a command) fails the task: skipping it would corrupt
 * state or lose a change, and the instance is better restarted.
 *
 * <p>Kafka Streams instantiates it by class name, so the skipped records are counted in the log only.
 */
public final class BroadcastProductionPolicy implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BroadcastProductionPolicy.class);
    /** The Streams property naming the topics whose too-large records are skipped (comma-separated). */
    public static final String SKIPPABLE_TOPICS = "rest-live.production.skippable-topics";

    private Set<String> skippable = Set.of();

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        if (exception instanceof RecordTooLargeException && skippable.contains(record.topic())) {
            log.error("Skipping a {}-byte record to {}: the broker refused it as too large ({}). Lower "
                    + "rest-live.max-frame-size or raise the topic's max.message.bytes.",
                    record.value() == null ? 0 : record.value().length, record.topic(), exception.getMessage());
            return ProductionExceptionHandlerResponse.CONTINUE;
        }
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object topics = configs.get(SKIPPABLE_TOPICS);
        skippable = topics == null ? Set.of() : Set.of(topics.toString().split(","));
    }
}
