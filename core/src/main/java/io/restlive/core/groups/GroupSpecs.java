package io.restlive.core.groups;

import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.SubscriptionContext;
import io.restlive.core.views.View;
import io.restlive.schemas.EntityKeys;
import io.restlive.schemas.GroupSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the spec that makes subscriptions equal, and its stable key.
 *
 * <p>Two subscriptions share a group exactly when their view, action, retrieve target, kwargs,
 * normalized params and the user fields the view reads are equal; the key is a hash of the canonical
 * JSON of those, so every edge computes the same key for the same group.
 */
public final class GroupSpecs {

    private GroupSpecs() {
    }

    /**
     * The group of a subscription.
     *
     * @param view the subscribed view
     * @param action {@code list} or {@code retrieve}
     * @param targetPk for retrieve, the pk resolved at subscribe time; null for list
     * @param kwargs the subscription's view_kwargs
     * @param params its query_params, already normalized
     * @param user the connection's user (reduced here to what the view reads)
     */
    public static GroupSpec spec(View view, String action, JsonNode targetPk, ObjectNode kwargs,
                                 ObjectNode params, LiveUser user) {
        return GroupSpec.newBuilder()
                .setView(view.name())
                .setModel(view.model())
                .setAction(action)
                .setTargetPk(targetPk == null ? null : Json.write(targetPk))
                .setKwargs(Json.canonical(kwargs))
                .setParams(Json.canonical(params))
                .setUser(Json.canonical(view.projectUser(user)))
                .build();
    }

    /**
     * The group's key: 128 bits of SHA-256 over the canonical JSON of every field of the spec, in hex. The
     * fields are taken from the spec's schema, not from a list kept here, so a field added to
     * {@code GroupSpec} (a new CEL variable, say) can never let two different groups share a key.
     */
    public static String key(GroupSpec spec) {
        ObjectNode canonical = Json.NODES.objectNode();
        for (Schema.Field field : spec.getSchema().getFields()) {
            Object value = spec.get(field.pos());
            canonical.put(field.name(), value == null ? null : value.toString());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.canonical(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The evaluation context a group's expressions see, rebuilt from its spec. */
    public static SubscriptionContext context(GroupSpec spec) {
        return new SubscriptionContext(Json.parseObject(spec.getUser()), Json.parseObject(spec.getKwargs()),
                Json.parseObject(spec.getParams()), spec.getAction());
    }

    /**
     * The entity key ({@code <model>|<pk json>}, as {@link EntityKeys} writes it) of a retrieve group's target,
     * or null for a list group.
     *
     * @throws IllegalArgumentException if the target is neither an integer nor a string
     */
    public static String targetEntityKey(GroupSpec spec) {
        JsonNode pk = targetPk(spec);
        if (pk == null) {
            return null;
        }
        if (pk.isIntegralNumber()) {
            return EntityKeys.of(spec.getModel(), pk.canConvertToLong() ? (Object) pk.longValue() : pk.bigIntegerValue());
        }
        if (pk.isString()) {
            return EntityKeys.of(spec.getModel(), pk.asString());
        }
        throw new IllegalArgumentException("a retrieve target must be an integer or a string, not " + Json.write(pk));
    }

    /** The retrieve target of a group, or null for a list group. */
    public static JsonNode targetPk(GroupSpec spec) {
        return spec.getTargetPk() == null ? null : Json.parse(spec.getTargetPk());
    }
}
