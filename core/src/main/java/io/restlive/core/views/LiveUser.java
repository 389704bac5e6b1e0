package io.restlive.core.views;

import io.restlive.core.json.Json;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user behind a WebSocket connection, as view expressions see it ({@code user.authenticated},
 * {@code user.id}, {@code user.name}, {@code user.roles}, {@code user.claims}).
 *
 * <p>A user without an id (anonymous, or a token without {@code sub}) has no {@code id} key at all, and a
 * user without a name no {@code name} key: reading them is a CEL evaluation error, which makes a condition
 * false, so {@code instance.owner == user.id} never holds for such a user, not even for an instance whose
 * owner is null or missing. Expressions test {@code has(user.id)} or {@code user.authenticated}.
 *
 * @param authenticated false for a connection without a token
 * @param id the token's {@code sub}; null for an anonymous user (then {@code user.id} is absent)
 * @param name a display name claim, or null
 * @param roles role names from the token
 * @param claims every claim of the token
 */
public record LiveUser(boolean authenticated, String id, String name, List<String> roles, ObjectNode claims) {

    /** The user of a connection that presented no token. */
    public static final LiveUser ANONYMOUS = new LiveUser(false, null, null, List.of(), Json.NODES.objectNode());

    public LiveUser {
        roles = List.copyOf(roles);
        Objects.requireNonNull(claims, "claims");
    }

    /** The user as the JSON object expressions read. */
    public ObjectNode toJson() {
        ObjectNode user = Json.NODES.objectNode();
        user.put("authenticated", authenticated);
        if (id != null) {
            user.put("id", id);
        }
        if (name != null) {
            user.put("name", name);
        }
        ArrayNode roleArray = user.putArray("roles");
        roles.forEach(roleArray::add);
        user.set("claims", claims.deepCopy());
        return user;
    }
}
