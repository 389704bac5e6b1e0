package io.restlive.core.internalapi;

import io.restlive.core.json.Json;
import io.restlive.schemas.GroupSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an edge asks the processor's {@code POST /internal/snapshot} for protocol v2's snapshot: a list group's
 * spec (the view, and the kwargs, params and user parts it reads, exactly as the edge would join it) and how
 * many members it may take. The one home of the body's JSON shape
 * ({@code {"spec":{view,model,action,kwargs,params,user},"limit":n}}): edges write it, processors read it.
 *
 * @param spec the group whose members are wanted
 * @param limit at most this many members are rendered; the count covers them all
 */
public record SnapshotRequest(GroupSpec spec, int limit) {

    /** The largest limit an edge may ask: a snapshot is for a page's data, not an export. */
    public static final int MAX_LIMIT = 100_000;

    /**
     * Reads a request body.
     *
     * @throws IllegalArgumentException with the reason, for a 400
     */
    public static SnapshotRequest parse(String body) {
        ObjectNode request;
        try {
            request = Json.parseObject(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        JsonNode spec = request.get("spec");
        if (!(spec instanceof ObjectNode fields)) {
            throw new IllegalArgumentException("`spec` must be an object");
        }
        JsonNode limit = request.get("limit");
        if (limit == null || !limit.canConvertToInt() || limit.asInt() < 0 || limit.asInt() > MAX_LIMIT) {
            throw new IllegalArgumentException("`limit` must be an integer from 0 to " + MAX_LIMIT);
        }
        GroupSpec group = GroupSpec.newBuilder().setView(text(fields, "view")).setModel(text(fields, "model"))
                .setAction(text(fields, "action")).setTargetPk(null)
                .setKwargs(text(fields, "kwargs")).setParams(text(fields, "params")).setUser(text(fields, "user"))
                .build();
        if (!"list".equals(group.getAction())) {
            throw new IllegalArgumentException("a snapshot is of a list group; a retrieve is a lookup");
        }
        return new SnapshotRequest(group, limit.asInt());
    }

    /** The body that {@link #parse} reads. */
    public String toJson() {
        ObjectNode fields = Json.NODES.objectNode().put("view", spec.getView()).put("model", spec.getModel())
                .put("action", spec.getAction()).put("kwargs", spec.getKwargs()).put("params", spec.getParams())
                .put("user", spec.getUser());
        ObjectNode body = Json.NODES.objectNode();
        body.set("spec", fields);
        body.put("limit", limit);
        return Json.write(body);
    }

    private static String text(ObjectNode fields, String name) {
        JsonNode value = fields.get(name);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("`spec." + name + "` must be a string");
        }
        return value.asString();
    }
}
