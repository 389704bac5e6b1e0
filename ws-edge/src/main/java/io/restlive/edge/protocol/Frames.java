package io.restlive.edge.protocol;

import io.restlive.core.json.Json;
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

    /**
     * The part of a broadcast frame before the subscription id; built once per group and change, so
     * only the id is added per subscriber.
     */
    public static String broadcastHead() {
        return "{\"type\":\"broadcast\",\"id\":";
    }

    /** The part of a broadcast frame after the id: model, action and the pre-serialized instance. */
    public static String broadcastTail(String model, String action, String instanceJson) {
        return ",\"model\":" + Json.write(Json.NODES.stringNode(model)) + ",\"action\":\"" + action
                + "\",\"instance\":" + instanceJson + "}";
    }
}
