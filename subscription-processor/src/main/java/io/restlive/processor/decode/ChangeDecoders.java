package io.restlive.processor.decode;

import java.util.List;

/** Picks the decoder of each record by its first bytes; a record no decoder accepts is rejected. */
public final class ChangeDecoders {

    private final List<ChangeDecoder> decoders;

    /** @param decoders tried in order; the first that accepts a value decodes it */
    public ChangeDecoders(List<ChangeDecoder> decoders) {
        this.decoders = List.copyOf(decoders);
    }

    /** The encodings that need no registry: Avro single-object encoding and the JSON envelope. */
    public static ChangeDecoders standard() {
        return new ChangeDecoders(List.of(new AvroChangeDecoder(), new JsonChangeDecoder()));
    }

    /** The standard encodings plus the schema-registry wire format read through {@code registry}. */
    public static ChangeDecoders withRegistry(RegistryChangeDecoder registry) {
        return new ChangeDecoders(List.of(new AvroChangeDecoder(), new JsonChangeDecoder(), registry));
    }

    /**
     * Decodes one record value.
     *
     * @throws InvalidChangeException if no decoder accepts it or the accepting one finds it malformed
     */
    public ChangeEvent decode(byte[] value, long recordTimestamp) throws InvalidChangeException {
        if (value == null) {
            throw new InvalidChangeException("null value: the changes topic carries envelopes, not tombstones");
        }
        for (ChangeDecoder decoder : decoders) {
            if (decoder.accepts(value)) {
                return decoder.decode(value, recordTimestamp);
            }
        }
        throw new InvalidChangeException(unsupported(value));
    }

    private static String unsupported(byte[] value) {
        if (value.length == 0) {
            return "unsupported encoding: empty value";
        }
        if (value[0] == 0) {
            return "unsupported encoding: schema-registry wire format (magic byte 0x00, Confluent/Apicurio) "
                    + "needs the processor to know the registry: set REST_LIVE_REGISTRY_URL";
        }
        return String.format("unsupported encoding: first byte 0x%02X is neither Avro single-object "
                + "encoding (C3 01) nor a JSON object ('{')", value[0]);
    }
}
