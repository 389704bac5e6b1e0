package io.restlive.producer;

/** How change envelopes are written to the changes topic; the processor reads all of them on the same topic. */
public enum Encoding {
    /** Avro single-object encoding of {@code ChangeEnvelope}: compact, schema-checked, no registry needed. */
    AVRO,
    /** The JSON envelope, exactly what a backend without Avro tooling would write. */
    JSON,
    /**
     * Avro in the schema-registry wire format (Confluent's: magic byte 0, a 4-byte schema id, the Avro
     * binary), through Apicurio's serializer, which registers the schema on first use. For deployments that
     * run a registry; needs {@link LiveProducerBuilder#schemaRegistry} and
     * {@code io.apicurio:apicurio-registry-avro-serde-kafka} on the classpath. The processor needs the same
     * registry ({@code REST_LIVE_REGISTRY_URL}).
     */
    AVRO_REGISTRY
}
