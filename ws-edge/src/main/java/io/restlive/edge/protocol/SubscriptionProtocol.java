package io.restlive.edge.protocol;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.json.Json;
import io.restlive.core.views.EntityState;
import io.restlive.core.views.QueryParams;
import io.restlive.core.views.SubscriptionContext;
import io.restlive.core.views.View;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.TaskPosition;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * django-rest-live's client protocol: subscribe and unsubscribe messages in, error frames out, with
 * the original's codes and texts and the fixes listed in docs/protocol.md. Success is silent.
 */
public final class SubscriptionProtocol {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionProtocol.class);

    private final InstanceLookup lookup;
    private final GroupMembership groups;
    private final SubscriptionLimits limits;
    private final EdgeMetrics metrics;

    /** A protocol without limits, for tests of other things. */
    public SubscriptionProtocol(InstanceLookup lookup, GroupMembership groups) {
        this(lookup, groups, SubscriptionLimits.unlimited(), EdgeMetrics.inMemory());
    }

    /**
     * @param limits what one connection may ask
     * @param metrics counts live subscriptions
     */
    public SubscriptionProtocol(InstanceLookup lookup, GroupMembership groups, SubscriptionLimits limits,
                                EdgeMetrics metrics) {
        this.lookup = lookup;
        this.groups = groups;
        this.limits = limits;
        this.metrics = metrics;
    }

    /** Handles one text frame of a connection; errors go back to it as error frames. */
    public void onText(Connection connection, String text) {
        JsonNode message;
        try {
            message = Json.parse(text);
        } catch (IllegalArgumentException e) {
            connection.send(Frames.error(null, 400, "Message is not valid JSON."));
            return;
        }
        if (!(message instanceof ObjectNode object)) {
            connection.send(Frames.error(null, 400, "Message must be a JSON object."));
            return;
        }
        JsonNode id = object.get("id");
        if (id == null || id.isNull()) {
            connection.send(Frames.error(null, 400, "Message has no `id`."));
            return;
        }
        try {
            JsonNode type = object.get("type");
            String typeName = type == null || type.isNull() ? "None" : type.isString() ? type.asString() : Json.write(type);
            switch (typeName) {
                case "subscribe" -> subscribe(connection, id, object);
                case "unsubscribe" -> unsubscribe(connection, id);
                default -> throw ProtocolError.unknownType(typeName);
            }
        } catch (ProtocolError error) {
            connection.send(Frames.error(id, error.code(), error.getMessage()));
        }
    }

    /** Handles a binary frame, which the protocol does not use. */
    public void onBinary(Connection connection) {
        connection.send(Frames.error(null, 400, "Binary frames are not supported; send JSON text frames."));
    }

    /** Forgets every subscription of a closed connection. */
    public void onClose(Connection connection) {
        List<Subscription> removed = connection.removeAll();
        metrics.subscriptionsChanged(-removed.size());
        for (Subscription subscription : removed) {
            groups.leave(subscription.groupKey(), connection, subscription);
        }
    }

    private void subscribe(Connection connection, JsonNode id, ObjectNode message) throws ProtocolError {
        // Live from now: every change applied after what the edge has read when the subscribe arrives reaches
        // the subscriber, whatever the lookup and the group's join take.
        List<TaskPosition> cut = groups.readPositions();
        limits.beforeSubscribe(connection, message);
        JsonNode modelNode = message.get("model");
        if (modelNode == null || modelNode.isNull()) {
            throw ProtocolError.noModel();
        }
        String model = modelNode.isString() ? modelNode.asString() : Json.write(modelNode);
        View view = connection.endpoint().viewFor(model).orElseThrow(() -> ProtocolError.modelNotRegistered(model));
        JsonNode actionNode = message.get("action");
        String action = actionNode != null && actionNode.isString() ? actionNode.asString() : "";
        if (!action.equals("list") && !action.equals("retrieve")) {
            throw ProtocolError.badAction();
        }
        if (connection.subscription(id) != null) {
            throw ProtocolError.idInUse(Json.write(id));
        }
        ObjectNode kwargs = objectField(message, "view_kwargs");
        ObjectNode params;
        try {
            params = QueryParams.normalize(objectField(message, "query_params"));
        } catch (IllegalArgumentException e) {
            throw new ProtocolError(400, "`query_params` cannot hold null: " + e.getMessage() + ".");
        }
        SubscriptionContext context = new SubscriptionContext(connection.user().toJson(), kwargs, params, action);
        boolean permitted = view.permits(context);
        JsonNode targetPk = null;
        if (action.equals("retrieve")) {
            InstanceLookup.Found found = resolve(view, kwargs, message.get("lookup_by"))
                    .filter(candidate -> view.inQueryset(context, candidate.state()))
                    .orElseThrow(ProtocolError::instanceNotFound);
            EntityState instance = found.state();
            permitted = permitted && view.objectPermits(context, instance);
            targetPk = instance.pk();
        }
        if (!permitted) {
            throw ProtocolError.unauthorized(model, action);
        }
        GroupSpec spec = GroupSpecs.spec(view, action, targetPk, kwargs, params, connection.user());
        String groupKey = GroupSpecs.key(spec);
        limits.beforeJoin(connection, groupKey);
        Subscription subscription = connection.add(id, groupKey);
        metrics.subscriptionsChanged(1);
        groups.join(groupKey, spec, connection, subscription, cut);
        log.debug("{} subscribed {} to group {}", connection, subscription.idJson(), groupKey);
    }

    /** As in the original, a lookup field given in view_kwargs wins over lookup_by. */
    private Optional<InstanceLookup.Found> resolve(View view, ObjectNode kwargs, JsonNode lookupBy) throws ProtocolError {
        JsonNode value = kwargs.has(view.lookupField()) ? kwargs.get(view.lookupField()) : lookupBy;
        if (value == null || value.isNull() || value.isContainer()) {
            return Optional.empty();
        }
        try {
            return lookup.find(view.model(), view.lookupField(), value);
        } catch (InstanceLookup.LookupUnavailableException e) {
            log.warn("Lookup of {} {}={} failed: {}", view.model(), view.lookupField(), value, e.getMessage());
            throw ProtocolError.processorUnavailable();
        }
    }

    private void unsubscribe(Connection connection, JsonNode id) throws ProtocolError {
        Subscription subscription = connection.remove(id);
        if (subscription == null) {
            throw ProtocolError.unknownUnsubscribe();
        }
        metrics.subscriptionsChanged(-1);
        groups.leave(subscription.groupKey(), connection, subscription);
    }

    private static ObjectNode objectField(ObjectNode message, String field) throws ProtocolError {
        JsonNode value = message.get(field);
        if (value == null) {
            return Json.NODES.objectNode();
        }
        if (!(value instanceof ObjectNode object)) {
            throw new ProtocolError(400, "`" + field + "` must be a JSON object.");
        }
        return object;
    }
}
