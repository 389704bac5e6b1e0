package io.restlive.core.views;

import io.restlive.core.cel.CelValues;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything about a subscription group that its view's expressions may read besides the entity:
 * the (projected) user, {@code view_kwargs}, normalized {@code query_params} and the action.
 *
 * <p>Converted to CEL values once, when the group is created, and reused for every change.
 */
public final class SubscriptionContext {

    private final ObjectNode user;
    private final ObjectNode kwargs;
    private final ObjectNode params;
    private final String action;
    private final Map<String, Object> celUser;
    private final Map<String, Object> celKwargs;
    private final Map<String, Object> celParams;

    /**
     * @param user the user as JSON (possibly reduced to the fields the view reads)
     * @param kwargs the subscription's view_kwargs
     * @param params the subscription's query_params, normalized by {@link QueryParams#normalize}
     * @param action {@code list} or {@code retrieve}
     */
    public SubscriptionContext(ObjectNode user, ObjectNode kwargs, ObjectNode params, String action) {
        this.user = user;
        this.kwargs = kwargs;
        this.params = params;
        this.action = action;
        this.celUser = CelValues.fromJsonObject(withoutNulls(user));
        this.celKwargs = CelValues.fromJsonObject(kwargs);
        this.celParams = CelValues.fromJsonObject(params);
    }

    /**
     * The user without its null fields: a group announced by an edge that still sent {@code "id": null} for
     * an anonymous user must not let {@code instance.owner == user.id} match an instance without an owner.
     */
    private static ObjectNode withoutNulls(ObjectNode user) {
        boolean anyNull = false;
        for (var field : user.properties()) {
            anyNull |= field.getValue().isNull();
        }
        if (!anyNull) {
            return user;
        }
        ObjectNode copy = user.deepCopy();
        user.properties().stream().filter(field -> field.getValue().isNull()).map(java.util.Map.Entry::getKey)
                .toList().forEach(copy::remove);
        return copy;
    }

    public ObjectNode user() {
        return user;
    }

    public ObjectNode kwargs() {
        return kwargs;
    }

    public ObjectNode params() {
        return params;
    }

    public String action() {
        return action;
    }

    Map<String, Object> celUser() {
        return celUser;
    }

    Map<String, Object> celKwargs() {
        return celKwargs;
    }

    Map<String, Object> celParams() {
        return celParams;
    }
}
