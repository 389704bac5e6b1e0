package io.restlive.edge.protocol;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.internalapi.SnapshotMembers;
import io.restlive.core.json.Json;
import io.restlive.core.views.EntityState;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.QueryParams;
import io.restlive.core.views.SubscriptionContext;
import io.restlive.core.views.View;
import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.TaskPosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * django-rest-live's client protocol: subscribe and unsubscribe messages in, error frames out, with
 * the original's codes and texts and the fixes listed in docs/protocol.md. Success is silent in v1; a v2
 * connection also gets snapshots, resumes, {@code subscribed} and {@code unsubscribed} answers, and token
 * refreshes re-check its subscriptions (docs/protocol.md, "Protocol v2").
 */
public final class SubscriptionProtocol implements GroupMembership.Ending {

    /** Snapshot pages hold at most this many instances... */
    static final int PAGE_ITEMS = 100;
    /** ...and about this many characters of them. */
    static final int PAGE_CHARS = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SubscriptionProtocol.class);

    private final InstanceLookup lookup;
    private final GroupMembership groups;
    private final SubscriptionLimits limits;
    private final EdgeMetrics metrics;
    private final InstanceSnapshots snapshots;
    private final int snapshotLimit;

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
        this(lookup, groups, limits, metrics, (spec, limit) -> {
            throw new InstanceLookup.LookupUnavailableException("snapshots are not configured", null);
        }, 0);
    }

    /**
     * @param snapshots where v2 snapshots of list views come from
     * @param snapshotLimit the most instances a snapshot may hold (rest-live.snapshot-limit)
     */
    public SubscriptionProtocol(InstanceLookup lookup, GroupMembership groups, SubscriptionLimits limits,
                                EdgeMetrics metrics, InstanceSnapshots snapshots, int snapshotLimit) {
        this.lookup = lookup;
        this.groups = groups;
        this.limits = limits;
        this.metrics = metrics;
        this.snapshots = snapshots;
        this.snapshotLimit = snapshotLimit;
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
        V2Options options = connection.v2() ? V2Options.of(message, groups.tasks()) : V2Options.NONE;
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
        InstanceLookup.Found found = null;
        if (action.equals("retrieve")) {
            found = resolve(view, kwargs, message.get("lookup_by"))
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
        limits.beforeJoin(connection, groupKey, groups.holds(groupKey));
        Map<String, Long> shown = null;
        if (options.resume() != null) {
            cut = options.resume();
        } else if (options.snapshot()) {
            shown = found != null ? snapshotOf(connection, id, view, context, found) : snapshotOf(connection, id, view, spec);
        }
        Subscription subscription = connection.add(id, groupKey,
                new SubscriptionRequest(view, action, targetPk, kwargs, params));
        metrics.subscriptionsChanged(1);
        groups.join(groupKey, spec, connection, subscription, cut, shown);
        log.debug("{} subscribed {} to group {}", connection, subscription.idJson(), groupKey);
    }

    /** A retrieve's snapshot: the instance its lookup found, rendered for the subscriber. */
    private Map<String, Long> snapshotOf(Connection connection, JsonNode id, View view, SubscriptionContext context,
                                         InstanceLookup.Found found) {
        connection.send(Frames.snapshot(Json.write(id), view.model(),
                List.of(Frames.snapshotItem(view.render(context, found.state()), found.version())), true));
        Map<String, Long> shown = new HashMap<>();
        if (found.key() != null) {
            shown.put(found.key(), found.version());
        }
        return shown;
    }

    /**
     * A list's snapshot: the members the processor found for the group, in pages. Sent before the subscriber
     * joins the group, so no frame of it can come first; frames of changes after its cut that the snapshot
     * already shows are dropped by version.
     */
    private Map<String, Long> snapshotOf(Connection connection, JsonNode id, View view, GroupSpec spec)
            throws ProtocolError {
        SnapshotMembers members;
        try {
            members = snapshots.members(spec, snapshotLimit);
        } catch (InstanceLookup.LookupUnavailableException e) {
            log.warn("Snapshot of {} failed: {}", spec.getView(), e.getMessage());
            throw ProtocolError.processorUnavailable();
        }
        if (members.count() > snapshotLimit) {
            throw new ProtocolError(413, "Snapshot of " + members.count() + " instances exceeds the limit of "
                    + snapshotLimit + "; subscribe without \"snapshot\" and page through the REST API.");
        }
        String idJson = Json.write(id);
        Map<String, Long> shown = new HashMap<>();
        List<String> page = new ArrayList<>();
        int chars = 0;
        for (SnapshotMembers.Item item : members.items()) {
            shown.put(item.key(), item.version());
            String written = Frames.snapshotItem(item.instance(), item.version());
            page.add(written);
            chars += written.length();
            if (page.size() >= PAGE_ITEMS || chars >= PAGE_CHARS) {
                connection.send(Frames.snapshot(idJson, view.model(), page, false));
                page = new ArrayList<>();
                chars = 0;
            }
        }
        connection.send(Frames.snapshot(idJson, view.model(), page, true));
        return shown;
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
        if (connection.v2()) {
            connection.send(Frames.unsubscribed(id));
        }
    }

    @Override
    public void end(Connection connection, Subscription subscription, String frame) {
        if (connection.remove(subscription)) {
            metrics.subscriptionsChanged(-1);
            groups.leave(subscription.groupKey(), connection, subscription);
        }
        connection.send(frame);
    }

    /**
     * A v2 connection refreshed its token: each subscription is checked again against the new user. One whose
     * view no longer permits it ends with {@code revoked}; one whose group depends on claims that changed moves
     * to its new group, live from now.
     */
    public void reauthenticate(Connection connection, LiveUser user) {
        connection.user(user);
        for (Subscription subscription : connection.subscriptions()) {
            SubscriptionRequest request = subscription.request();
            if (request == null) {
                continue;
            }
            View view = request.view();
            SubscriptionContext context = new SubscriptionContext(user.toJson(), request.kwargs(), request.params(),
                    request.action());
            if (!view.permits(context)) {
                end(connection, subscription, Frames.revoked(subscription.idJson(), 403,
                        ProtocolError.unauthorized(view.model(), request.action()).getMessage()));
                continue;
            }
            GroupSpec spec = GroupSpecs.spec(view, request.action(), request.targetPk(), request.kwargs(),
                    request.params(), user);
            String groupKey = GroupSpecs.key(spec);
            if (!groupKey.equals(subscription.groupKey())) {
                Subscription moved = subscription.movedTo(groupKey);
                if (connection.replace(subscription, moved)) {
                    List<TaskPosition> cut = groups.readPositions();
                    groups.leave(subscription.groupKey(), connection, subscription);
                    groups.join(groupKey, spec, connection, moved, cut, null);
                }
            }
        }
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
