package io.restlive.processor.decode;

import io.restlive.schemas.ChangeOp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One decoded, validated change, whatever encoding it arrived in.
 *
 * @param model the model label
 * @param pk the pk, a JSON integer or string
 * @param entityKey {@code <model>|<pk json>}, computed from the envelope (never taken from the record key)
 * @param op UPSERT or DELETE
 * @param instance the state after an UPSERT; null for DELETE
 * @param version the optional per-entity version
 * @param ts event time in epoch milliseconds
 * @param raw the record value it was decoded from, for a dead letter when its frame cannot be delivered
 */
public record ChangeEvent(String model, JsonNode pk, String entityKey, ChangeOp op, ObjectNode instance,
                          Long version, long ts, byte[] raw) {
}
