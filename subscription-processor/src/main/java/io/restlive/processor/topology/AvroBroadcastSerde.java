package io.restlive.processor.topology;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeBroadcast;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link ChangeBroadcast} in Avro single-object encoding, the broadcasts topic's value format. */
public final class AvroBroadcastSerde implements Serde<ChangeBroadcast> {

    @Override
    public Serializer<ChangeBroadcast> serializer() {
        return (topic, broadcast) -> broadcast == null ? null : AvroCodecs.encode(broadcast);
    }

    @Override
    public Deserializer<ChangeBroadcast> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return AvroCodecs.decodeBroadcast(bytes);
            } catch (IOException e) {
                throw new SerializationException("not a ChangeBroadcast: " + e.getMessage(), e);
            }
        };
    }
}
