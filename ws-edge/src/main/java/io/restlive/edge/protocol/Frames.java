package io.restlive.edge.protocol;

import io.restlive.core.json.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The server's frames, with the original's field names; error frames never carry a {@code model} key. */
public final class Frames {

    private Frames() {
    }

    /** {@code {"type":"error","id":<id>,"code":<code>,"message":<message>}}; a null id is JSON null. */
    public static String error(JsonNode id, int code, String message) {
        ObjectNode frame = Json.NODES.objectNode();
        frame.put("type", "error");
        frame.set("id", id == null ? Json.NODES.nullNode() : id);
        frame.put("code", code);
        frame.put("message", message);
        return Json.write(frame);
    }

    /** True for an error frame ({@link #error} writes {@code type} first). */
    public static boolean isError(Outbound frame) {
        return !frame.isShared() && frame.text().startsWith("{\"type\":\"error\"");
    }

    /**
     * The part of a broadcast frame before the subscription id; built once per group and change, so
     * only the id is added per subscriber.
     */
    public static String broadcastHead() {
        return "{\"type\":\"broadcast\",\"id\":";
    }

    /** A subscriber's part of a broadcast frame: the head and its id; the group's tail follows. */
    public static String broadcastPrefix(String idJson) {
        return broadcastHead() + idJson;
    }

    /** The part of a broadcast frame after the id: model, action and the pre-serialized instance. */
    public static String broadcastTail(String model, String action, String instanceJson) {
        return ",\"model\":" + Json.write(Json.NODES.stringNode(model)) + ",\"action\":\"" + action
                + "\",\"instance\":" + instanceJson + "}";
    }

    // Protocol v2 (docs/protocol.md, "Protocol v2").

    /** A v2 broadcast: v1's frame plus the entity's version and the subscription's position after it. */
    public static String broadcastV2(String idJson, String tail, long version, String position) {
        return broadcastHead() + idJson + tail.substring(0, tail.length() - 1) + ",\"version\":" + version
                + ",\"position\":" + Json.write(Json.NODES.stringNode(position)) + "}";
    }

    /** The subscription is live from {@code position}. */
    public static String subscribed(String idJson, String position) {
        return "{\"type\":\"subscribed\",\"id\":" + idJson + ",\"position\":"
                + Json.write(Json.NODES.stringNode(position)) + "}";
    }

    /** One page of a snapshot, from its items already written as {@code {"instance":..,"version":n}}. */
    public static String snapshot(String idJson, String model, List<String> itemsJson, boolean last) {
        return "{\"type\":\"snapshot\",\"id\":" + idJson + ",\"model\":" + Json.write(Json.NODES.stringNode(model))
                + ",\"items\":[" + String.join(",", itemsJson) + "],\"last\":" + last + "}";
    }

    /** One snapshot item, written once: its size decides the page and its text goes into it. */
    public static String snapshotItem(JsonNode instance, long version) {
        return "{\"instance\":" + Json.write(instance) + ",\"version\":" + version + "}";
    }

    /** The subscription's state cannot be continued: it has ended, the client subscribes again. */
    public static String reset(String idJson, String reason) {
        return "{\"type\":\"reset\",\"id\":" + idJson + ",\"reason\":" + Json.write(Json.NODES.stringNode(reason))
                + "}";
    }

    public static String unsubscribed(JsonNode id) {
        return "{\"type\":\"unsubscribed\",\"id\":" + Json.write(id) + "}";
    }

    /** Answer to {@code auth}; {@code expiresAt} in epoch seconds, or null. */
    public static String authenticated(Long expiresAt) {
        return "{\"type\":\"authenticated\",\"expires_at\":" + expiresAt + "}";
    }

    public static String tokenExpiring(long expiresAt) {
        return "{\"type\":\"token_expiring\",\"expires_at\":" + expiresAt + "}";
    }

    public static String expired() {
        return "{\"type\":\"expired\"}";
    }

    /** A subscription the refreshed user may not hold: it has ended. */
    public static String revoked(String idJson, int code, String message) {
        return "{\"type\":\"revoked\",\"id\":" + idJson + ",\"code\":" + code + ",\"message\":"
                + Json.write(Json.NODES.stringNode(message)) + "}";
    }
}
