package io.restlive.processor.routing;

import io.restlive.schemas.AvroCodecs;
import org.apache.kafka.common.serialization.Serializer;

/** The body of a {@link SlotRecord}, in Avro single-object encoding. */
public final class SlotRecordSerializer implements Serializer<SlotRecord> {

    @Override
    public byte[] serialize(String topic, SlotRecord record) {
        return record == null ? null : AvroCodecs.encode(record.body());
    }
}
