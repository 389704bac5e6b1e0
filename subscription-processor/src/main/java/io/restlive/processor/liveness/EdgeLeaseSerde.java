package io.restlive.processor.liveness;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link EdgeLease} as three big-endian longs, the value format of the {@code edge-leases} store. */
public final class EdgeLeaseSerde implements Serde<EdgeLease> {

    private static final int SIZE = 3 * Long.BYTES;

    @Override
    public Serializer<EdgeLease> serializer() {
        return (topic, lease) -> lease == null ? null : ByteBuffer.allocate(SIZE)
                .putLong(lease.lastSeenMs()).putLong(lease.ttlMs()).putLong(lease.expiredAtMs()).array();
    }

    @Override
    public Deserializer<EdgeLease> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE) {
                throw new SerializationException("an edge lease is " + SIZE + " bytes, not " + bytes.length);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new EdgeLease(buffer.getLong(), buffer.getLong(), buffer.getLong());
        };
    }
}
