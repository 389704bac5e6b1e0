package io.restlive.core.views;

import io.restlive.core.cel.CelValues;
import io.restlive.core.cel.CompiledExpression;
import io.restlive.core.cel.ExpressionAnalysis;
import io.restlive.core.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A live view of one model, as declared in the views file: which instances are in it for a
 * subscription (queryset, permission, object permission) and how they are serialized.
 *
 * <p>Expressions are compiled when the file is loaded; this class only evaluates them.
 */
public final class View {

    /** The default lookup field: the envelope's pk. */
    public static final String PK = "pk";

    private final String name;
    private final String model;
    private final String lookupField;
    private final Optional<CompiledExpression> queryset;
    private final Optional<CompiledExpression> permission;
    private final Optional<CompiledExpression> objectPermission;
    private final List<SerializerSpec> serializers;
    private final Naming naming;
    private final Set<String> userFieldsRead;
    private final boolean readsWholeUser;

    View(String name, String model, String lookupField, Optional<CompiledExpression> queryset,
         Optional<CompiledExpression> permission, Optional<CompiledExpression> objectPermission,
         List<SerializerSpec> serializers, Naming naming) {
        this.name = name;
        this.model = model;
        this.lookupField = lookupField;
        this.queryset = queryset;
        this.permission = permission;
        this.objectPermission = objectPermission;
        this.serializers = List.copyOf(serializers);
        this.naming = naming;
        Set<String> fields = new HashSet<>();
        boolean whole = false;
        for (CompiledExpression expression : expressions()) {
            fields.addAll(expression.analysis().userFields());
            whole |= expression.analysis().readsWholeUser();
        }
        this.userFieldsRead = Set.copyOf(fields);
        this.readsWholeUser = whole;
    }

    public String name() {
        return name;
    }

    public String model() {
        return model;
    }

    /** The field clients' {@code lookup_by} refers to: {@code pk} or a field of the instance. */
    public String lookupField() {
        return lookupField;
    }

    public Naming naming() {
        return naming;
    }

    /** The view's {@code permission} (DRF's has_permission), which cannot read the instance. */
    public boolean permits(SubscriptionContext context) {
        return permission.map(p -> p.test(new Bindings(context, null))).orElse(true);
    }

    /** The view's {@code queryset} condition for this entity. */
    public boolean inQueryset(SubscriptionContext context, EntityState entity) {
        return queryset.map(q -> q.test(new Bindings(context, entity))).orElse(true);
    }

    /** The view's {@code object-permission} (DRF's has_object_permission) for this entity. */
    public boolean objectPermits(SubscriptionContext context, EntityState entity) {
        return objectPermission.map(p -> p.test(new Bindings(context, entity))).orElse(true);
    }

    /** True if the subscription may see this entity now: permission, queryset and object permission hold. */
    public boolean isVisible(SubscriptionContext context, EntityState entity) {
        return permits(context) && inQueryset(context, entity) && objectPermits(context, entity);
    }

    /** The broadcast {@code instance} for this subscription: the first matching serializer, then naming. */
    public ObjectNode render(SubscriptionContext context, EntityState entity) {
        Bindings bindings = new Bindings(context, entity);
        SerializerSpec serializer = serializers.stream()
                .filter(s -> s.when().map(w -> w.test(bindings)).orElse(true))
                .findFirst().orElse(SerializerSpec.EVERY_FIELD);
        ObjectNode out = Json.NODES.objectNode();
        if (serializer.fields().isEmpty()) {
            out.setAll(entity.instance());
        } else {
            for (String field : serializer.fields().get()) {
                JsonNode value = entity.instance().get(field);
                out.set(field, value == null ? Json.NODES.nullNode() : value);
            }
        }
        for (Map.Entry<String, CompiledExpression> computed : serializer.computed().entrySet()) {
            out.set(computed.getKey(), CelValues.toJson(computed.getValue().valueOrNull(bindings)));
        }
        return (ObjectNode) naming.apply(out);
    }

    /** The value of the lookup field in this state: the pk, or the instance's field (JSON null if absent). */
    public JsonNode lookupValue(EntityState entity) {
        if (PK.equals(lookupField)) {
            return entity.pk();
        }
        JsonNode value = entity.instance().get(lookupField);
        return value == null ? Json.NODES.nullNode() : value;
    }

    /**
     * The payload of a DELETED broadcast, which carries no data the user may no longer see:
     * {@code {<lookup-field>: <last value>, "id": <pk>}}.
     */
    public ObjectNode deletedPayload(EntityState last) {
        ObjectNode payload = Json.NODES.objectNode();
        payload.set(naming.key(lookupField), lookupValue(last));
        payload.set("id", last.pk());
        return payload;
    }

    /** The instance field the queryset compares for equality, if it does: groups are indexed by it. */
    public Optional<String> indexedField() {
        return queryset.flatMap(q -> q.analysis().equality()).map(ExpressionAnalysis.InstanceEquality::field);
    }

    /**
     * The value a group's subscriptions require of {@link #indexedField()}, e.g. {@code int(kwargs.list)};
     * empty if the view has no such equality or it cannot be evaluated for this context.
     */
    public Optional<Object> indexValue(SubscriptionContext context) {
        return queryset.flatMap(q -> q.analysis().equality())
                .map(eq -> eq.value().valueOrNull(new Bindings(context, null)))
                .map(CelValues::indexKey);
    }

    /**
     * As {@link #indexKeyOf(EntityState)}, from the instance's JSON: converts only the indexed field, for a quick
     * "can this change concern that group at all" before a full evaluation.
     */
    public Optional<Object> indexKeyOfJson(ObjectNode instance) {
        return indexedField().map(instance::get).map(CelValues::fromJson).map(CelValues::indexKey);
    }

    /** The value an entity state has for {@link #indexedField()}, normalized like {@link #indexValue}. */
    public Optional<Object> indexKeyOf(EntityState entity) {
        return indexedField().map(field -> entity.celInstance().get(field)).map(CelValues::indexKey);
    }

    /** The user reduced to what this view's expressions read, so that groups share across users. */
    public ObjectNode projectUser(LiveUser user) {
        ObjectNode full = user.toJson();
        if (readsWholeUser) {
            return full;
        }
        ObjectNode projected = Json.NODES.objectNode();
        for (String field : userFieldsRead) {
            if (full.has(field)) {
                projected.set(field, full.get(field));
            }
        }
        return projected;
    }

    /**
     * How many evaluations of this view's expressions failed so far (each counted as false, or null for a
     * computed value); the services expose it as {@code restlive.cel.evaluation.errors{view=<name>}}.
     */
    public long evaluationErrors() {
        long sum = 0;
        for (CompiledExpression expression : expressions()) {
            sum += expression.evaluationErrors();
            sum += expression.analysis().equality().map(eq -> eq.value().evaluationErrors()).orElse(0L);
        }
        return sum;
    }

    private List<CompiledExpression> expressions() {
        List<CompiledExpression> all = new java.util.ArrayList<>();
        queryset.ifPresent(all::add);
        permission.ifPresent(all::add);
        objectPermission.ifPresent(all::add);
        for (SerializerSpec serializer : serializers) {
            serializer.when().ifPresent(all::add);
            all.addAll(serializer.computed().values());
        }
        return all;
    }

    @Override
    public String toString() {
        return "view '" + name + "' (" + model + ")";
    }
}
