package io.restlive.processor.decode;

/**
 * One encoding of change envelopes on the changes topic, recognized by the record value's first bytes.
 *
 * <p>Each encoding (Avro single-object, JSON, the schema-registry wire format) is one implementation
 * in {@link ChangeDecoders}.
 */
public interface ChangeDecoder {

    /** A short name for logs and reasons, e.g. {@code avro} or {@code json}. */
    String name();

    /** True if the value is in this encoding, judged by its first bytes only. */
    boolean accepts(byte[] value);

    /**
     * Decodes and validates a change.
     *
     * @param value the record value, which {@link #accepts} returned true for
     * @param recordTimestamp the record's timestamp, for envelopes that carry no event time
     * @throws InvalidChangeException with the reason if the envelope is malformed
     */
    ChangeEvent decode(byte[] value, long recordTimestamp) throws InvalidChangeException;
}
