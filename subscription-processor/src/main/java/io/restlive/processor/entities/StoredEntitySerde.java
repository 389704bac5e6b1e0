package io.restlive.processor.entities;

import io.restlive.core.json.Json;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The entity store's value format, JSON so that the changelog topic is readable with any console
 * consumer: {@code {"pk":1,"instance":{...},"version":7}}, or {@code {"pk":1,"deleted":true,"version":7}}
 * for a tombstone.
 */
public final class StoredEntitySerde implements Serde<StoredEntity> {

    @Override
    public Serializer<StoredEntity> serializer() {
        return (topic, entity) -> entity == null ? null : write(entity);
    }

    @Override
    public Deserializer<StoredEntity> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(StoredEntity entity) {
        ObjectNode json = Json.NODES.objectNode();
        json.set("pk", entity.pk());
        if (entity.isTombstone()) {
            json.put("deleted", true);
        } else {
            json.set("instance", entity.instance());
        }
        if (entity.version() == null) {
            json.putNull("version");
        } else {
            json.put("version", entity.version());
        }
        json.put("seq", entity.seq());
        return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }

    static StoredEntity read(byte[] bytes) {
        JsonNode json;
        try {
            json = Json.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new SerializationException("entity store value is not JSON: " + e.getMessage(), e);
        }
        JsonNode version = json.get("version");
        Long versionValue = version == null || version.isNull() ? null : version.longValue();
        JsonNode seq = json.get("seq");
        long seqValue = seq == null || seq.isNull() ? 0L : seq.longValue();
        JsonNode instance = json.get("instance");
        if (instance instanceof ObjectNode object) {
            return StoredEntity.live(json.get("pk"), object, versionValue, seqValue);
        }
        return StoredEntity.tombstone(json.get("pk"), versionValue == null ? 0L : versionValue, seqValue);
    }
}
