package io.restlive.e2e.distribution;

import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A client of one edge that follows streaming tasks, a list subscription or some retrieve ones, and the view of
 * the tasks its frames build (as a client applies them: CREATED and UPDATED set a task, DELETED removes it).
 */
final class Subscriber implements AutoCloseable {

    private static final String DELETED = "DELETED";

    private final StackExtension stack;
    private final List<Long> retrieved;
    private int edge;
    private WsClient client;

    private Subscriber(StackExtension stack, int edge, List<Long> retrieved) {
        this.stack = stack;
        this.edge = edge;
        this.retrieved = retrieved;
        subscribe();
    }

    /** A subscriber of the list the tasks start in. */
    static Subscriber list(StackExtension stack, int edge, StreamingTasks tasks) {
        return new Subscriber(stack, edge, null);
    }

    /** A subscriber of each of {@code ids}, one retrieve subscription each. */
    static Subscriber retrieve(StackExtension stack, int edge, StreamingTasks tasks, List<Long> ids) {
        return new Subscriber(stack, edge, List.copyOf(ids));
    }

    boolean isList() {
        return retrieved == null;
    }

    int edge() {
        return edge;
    }

    /** Its edge died: it connects to {@code other} and subscribes again, as a client reconnects. */
    void reconnectTo(int other) {
        client.close();
        edge = other;
        subscribe();
    }

    private void subscribe() {
        client = stack.connect(edge);
        if (isList()) {
            client.send("{\"type\":\"subscribe\",\"id\":\"list\",\"model\":\"todolist.Task\",\"action\":\"list\","
                    + "\"view_kwargs\":{\"list\":" + StreamingTasks.LIST + "}}");
        } else {
            retrieved.forEach(id -> client.send("{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"todolist.Task\","
                    + "\"action\":\"retrieve\",\"lookup_by\":" + id + "}"));
        }
        client.send("{\"type\":\"unsubscribe\",\"id\":\"sync\"}");
        client.awaitFrame(f -> "error".equals(f.get("type").asString()) && "sync".equals(f.get("id").asString()));
    }

    /** The tasks as this client's frames left them: instance text, or DELETED for a followed task that is gone. */
    Map<Long, String> view() {
        Map<Long, String> view = new TreeMap<>();
        for (JsonNode frame : broadcastFrames()) {
            long id = frame.get("instance").get("id").asLong();
            if (frame.get("action").asString().equals(DELETED)) {
                if (isList()) {
                    view.remove(id);
                } else {
                    view.put(id, DELETED);
                }
            } else {
                view.put(id, frame.get("instance").toString());
            }
        }
        return view;
    }

    /** The view a client must end with, given the last state of every task. */
    Map<Long, String> expected(StreamingTasks tasks) {
        Map<Long, String> expected = new TreeMap<>();
        for (long id : isList() ? tasks.ids() : retrieved) {
            StreamingTasks.State last = tasks.last(id);
            if (isList() && !last.deleted() && last.list() == StreamingTasks.LIST) {
                expected.put(id, normalized(last.instance(id)));
            } else if (!isList()) {
                expected.put(id, last.deleted() ? DELETED : normalized(last.instance(id)));
            }
        }
        return expected;
    }

    /** Frames showing a state (text) the task never had. */
    List<String> framesNeverPublished(StreamingTasks tasks) {
        List<String> wrong = new ArrayList<>();
        for (JsonNode frame : broadcastFrames()) {
            if (frame.get("action").asString().equals(DELETED)) {
                continue;
            }
            long id = frame.get("instance").get("id").asLong();
            String text = frame.get("instance").get("text").asString();
            if (tasks.states(id).stream().noneMatch(s -> s.text().equals(text) && !s.deleted())) {
                wrong.add(frame.toString());
            }
        }
        return wrong;
    }

    /** Frames that repeat the one before them for the same task (at-least-once after a crash). */
    long repeats() {
        Map<Long, String> last = new HashMap<>();
        long repeats = 0;
        for (JsonNode frame : broadcastFrames()) {
            long id = frame.get("instance").get("id").asLong();
            if (frame.toString().equals(last.put(id, frame.toString()))) {
                repeats++;
            }
        }
        return repeats;
    }

    long broadcasts() {
        return broadcastFrames().size();
    }

    /**
     * The longest a change published after {@code since} (System.nanoTime) took to reach this client: after a
     * process dies, the time its tasks' changes waited for another instance to take them over.
     */
    Duration longestDeliveryAfter(long since, StreamingTasks tasks) {
        List<JsonNode> frames = client.frames();
        List<Long> arrivals = client.arrivals();
        long longest = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            JsonNode frame = frames.get(i);
            if (!"broadcast".equals(frame.get("type").asString()) || frame.get("action").asString().equals(DELETED)) {
                continue;
            }
            long id = frame.get("instance").get("id").asLong();
            String text = frame.get("instance").get("text").asString();
            long arrival = arrivals.get(i);
            long published = tasks.states(id).stream()
                    .filter(s -> s.text().equals(text) && s.publishedAt() <= arrival)
                    .mapToLong(StreamingTasks.State::publishedAt).max().orElse(arrival);
            if (published > since) {
                longest = Math.max(longest, arrival - published);
            }
        }
        return Duration.ofNanos(longest);
    }

    private List<JsonNode> broadcastFrames() {
        return client.frames().stream().filter(f -> "broadcast".equals(f.get("type").asString())).toList();
    }

    private static String normalized(String json) {
        return io.restlive.core.json.Json.parse(json).toString();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return (isList() ? "list subscriber" : "retrieve subscriber of " + retrieved) + " on edge-" + edge;
    }
}
