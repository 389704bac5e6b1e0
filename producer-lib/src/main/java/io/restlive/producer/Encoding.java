package io.restlive.producer;

/** How change envelopes are written to the changes topic; the processor reads both on the same topic. */
public enum Encoding {
    /** Avro single-object encoding of {@code ChangeEnvelope}: compact, schema-checked, no registry needed. */
    AVRO,
    /** The JSON envelope, exactly what a backend without Avro tooling would write. */
    JSON
}
