package io.restlive.bench.load;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import io.restlive.schemas.ChangeOp;
import io.restlive.schemas.EntityKeys;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change the harness publishes: an UPSERT of entity {@code pk} of {@code model} whose {@code group} field
 * decides which subscriptions see it, carrying its intended publish time in {@code sentNanos}.
 *
 * @param model the model label
 * @param pk the entity's pk
 * @param group the value the views' queryset compares with the subscription's {@code group} kwarg
 * @param sentNanos the intended publish time, {@link System#nanoTime()} of the harness JVM
 * @param payload padding that gives the record its size
 */
public record BenchChange(String model, long pk, long group, long sentNanos, String payload) {

    /** A padding string of {@code bytes} ASCII characters. */
    public static String padding(int bytes) {
        return "x".repeat(bytes);
    }

    /** The entity's state after the change, as a backend would pass it to producer-lib. */
    public Map<String, Object> instance() {
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("id", pk);
        instance.put("group", group);
        instance.put(SentNanos.FIELD, sentNanos);
        instance.put("payload", payload);
        return instance;
    }

    /** The same state as JSON text. */
    public String instanceJson() {
        return "{\"id\":" + pk + ",\"group\":" + group + ",\"" + SentNanos.FIELD + "\":" + sentNanos
                + ",\"payload\":\"" + payload + "\"}";
    }

    /** The Kafka record key of the entity. */
    public String entityKey() {
        return EntityKeys.of(model, pk);
    }

    /**
     * The change as an Avro single-object encoded envelope, the bytes producer-lib writes by default: the
     * raw Kafka baseline sends records of exactly this size.
     */
    public byte[] envelopeBytes() {
        return AvroCodecs.encode(ChangeEnvelope.newBuilder()
                .setModel(model).setPk(pk).setOp(ChangeOp.UPSERT).setInstance(instanceJson())
                .setVersion(null).setTs(Instant.now()).build());
    }
}
