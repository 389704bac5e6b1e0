package io.restlive.bench.relay;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What a team writes instead of adopting rest-live, for one model whose list subscriptions filter on one
 * field: an in-memory map of entities (pk to that field's value), an index of subscribers by value, and one
 * frame built per group and change (only the subscription id differs per subscriber). It says CREATED,
 * UPDATED or DELETED as the entity enters, changes inside or leaves a group, like the original protocol. No
 * persistence, no permissions, no catch-up, one process: the baseline's point is the cost of the wire.
 *
 * <p>Changes arrive on one thread (the consumer's); subscribers come and go on the server's threads.
 */
final class Relay {

    /** One subscription: where its frames go and the id they carry. */
    record Subscriber(Consumer<String> frames, String idJson) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String model;
    private final String field;
    private final Map<Long, String> entities = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> groups = new ConcurrentHashMap<>();

    /**
     * @param model the model it relays
     * @param field the instance field whose value list subscriptions filter on ({@code view_kwargs})
     */
    Relay(String model, String field) {
        this.model = model;
        this.field = field;
    }

    /** A list subscription of the model with {@code value} as the filter (JSON text of the kwarg). */
    void subscribe(String value, Subscriber subscriber) {
        groups.computeIfAbsent(value, v -> ConcurrentHashMap.newKeySet()).add(subscriber);
    }

    void unsubscribe(String value, Subscriber subscriber) {
        groups.computeIfPresent(value, (v, members) -> {
            members.remove(subscriber);
            return members.isEmpty() ? null : members;
        });
    }

    /** An UPSERT of entity {@code pk} of {@code changedModel} to {@code instanceJson}. */
    void upsert(String changedModel, long pk, String instanceJson) {
        if (!model.equals(changedModel)) {
            return;
        }
        JsonNode value = JSON.readTree(instanceJson).get(field);
        String now = value == null ? null : value.toString();
        String before = now == null ? entities.remove(pk) : entities.put(pk, now);
        if (before != null && !before.equals(now)) {
            send(before, "DELETED", instanceJson);
        }
        if (now != null) {
            send(now, now.equals(before) ? "UPDATED" : "CREATED", instanceJson);
        }
    }

    private void send(String value, String action, String instanceJson) {
        Set<Subscriber> members = groups.get(value);
        if (members == null || members.isEmpty()) {
            return;
        }
        String tail = ",\"model\":\"" + model + "\",\"action\":\"" + action + "\",\"instance\":" + instanceJson + "}";
        for (Subscriber subscriber : members) {
            subscriber.frames().accept("{\"type\":\"broadcast\",\"id\":" + subscriber.idJson() + tail);
        }
    }
}
