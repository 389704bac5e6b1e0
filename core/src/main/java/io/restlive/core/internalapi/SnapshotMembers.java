package io.restlive.core.internalapi;

import io.restlive.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The processor's answer to a {@link SnapshotRequest}: how many entities are in the view and the first of them,
 * rendered. The one home of its JSON shape ({@code {"count":n,"items":[{"key":..,"instance":{..},"version":n}]}}):
 * processors write it (and read their peers'), edges read it.
 *
 * @param count how many entities are in the view, all of them
 * @param items at most the request's limit of them
 */
public record SnapshotMembers(long count, List<Item> items) {

    /**
     * One member of the view.
     *
     * @param key the entity's pk as the processor's frames name it ({@code ChangeFrames.pk})
     * @param instance rendered for the group
     * @param version the entity's revision (the position of its last change in its task)
     */
    public record Item(String key, JsonNode instance, long version) {
    }

    public String toJson() {
        ObjectNode body = Json.NODES.objectNode();
        body.put("count", count);
        ArrayNode list = body.putArray("items");
        for (Item item : items) {
            ObjectNode out = list.addObject();
            out.put("key", item.key());
            out.set("instance", item.instance());
            out.put("version", item.version());
        }
        return Json.write(body);
    }

    /**
     * Reads what {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException if the text is not such an answer
     */
    public static SnapshotMembers parse(String body) {
        try {
            ObjectNode answer = Json.parseObject(body);
            List<Item> items = new ArrayList<>();
            for (JsonNode item : answer.get("items")) {
                items.add(new Item(item.get("key").asString(), item.get("instance"), item.get("version").asLong()));
            }
            return new SnapshotMembers(answer.get("count").asLong(), List.copyOf(items));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a snapshot answer: " + e.getMessage(), e);
        }
    }
}
