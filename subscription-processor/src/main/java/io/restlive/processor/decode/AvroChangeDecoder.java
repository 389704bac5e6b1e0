package io.restlive.processor.decode;

import io.restlive.core.json.Json;
import io.restlive.processor.entities.Pks;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import io.restlive.schemas.ChangeOp;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Change envelopes in Avro single-object encoding ({@code C3 01}), as producer-lib writes them. */
final class AvroChangeDecoder implements ChangeDecoder {

    @Override
    public String name() {
        return "avro";
    }

    @Override
    public boolean accepts(byte[] value) {
        return value.length >= 2 && value[0] == AvroCodecs.MARKER_0 && value[1] == AvroCodecs.MARKER_1;
    }

    @Override
    public ChangeEvent decode(byte[] value, long recordTimestamp) throws InvalidChangeException {
        ChangeEnvelope envelope;
        try {
            envelope = AvroCodecs.decodeChange(value);
        } catch (IOException | RuntimeException e) {
            throw new InvalidChangeException("not a ChangeEnvelope in Avro single-object encoding: "
                    + e.getMessage(), e);
        }
        return toEvent(envelope, recordTimestamp, value);
    }

    /** Validates a decoded envelope, whichever Avro encoding it came in. */
    static ChangeEvent toEvent(ChangeEnvelope envelope, long recordTimestamp, byte[] raw) throws InvalidChangeException {
        String model = envelope.getModel();
        if (model == null || model.isBlank()) {
            throw new InvalidChangeException("blank 'model'");
        }
        JsonNode pk = pk(envelope.getPk());
        ObjectNode instance = null;
        if (envelope.getOp() == ChangeOp.UPSERT) {
            instance = instance(envelope.getInstance());
        }
        long ts = envelope.getTs() == null ? recordTimestamp : envelope.getTs().toEpochMilli();
        return new ChangeEvent(model, pk, Pks.entityKey(model, pk), envelope.getOp(), instance,
                envelope.getVersion(), ts, raw);
    }

    private static JsonNode pk(Object pk) throws InvalidChangeException {
        if (pk instanceof Long number) {
            return Json.NODES.numberNode(number);
        }
        if (pk instanceof CharSequence text) {
            return Json.NODES.stringNode(text.toString());
        }
        throw new InvalidChangeException("'pk' must be an integer or a string");
    }

    private static ObjectNode instance(String text) throws InvalidChangeException {
        if (text == null) {
            throw new InvalidChangeException("UPSERT without an 'instance'");
        }
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidChangeException("'instance' is not a JSON object: " + e.getMessage(), e);
        }
    }
}
