package io.restlive.e2e.semantics;

import io.restlive.e2e.support.Changes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks of one list changing without pause, one after the other, each state a new text ({@code v1}, {@code v2},
 * ...), every published text kept in order: what a subscriber must see, exactly once each, after the first
 * state it holds. Changes of one task are published in order (each waits for the broker), so they are applied
 * in order.
 */
final class TaskStream implements AutoCloseable {

    static final String TASK = "todolist.Task";

    private final Changes changes;
    private final int list;
    private final List<Integer> ids = new ArrayList<>();
    private final Map<Integer, List<String>> published = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger sent = new AtomicInteger();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private Future<?> stream;

    TaskStream(Changes changes, int list, int firstId, int count) {
        this.changes = changes;
        this.list = list;
        for (int id = firstId; id < firstId + count; id++) {
            ids.add(id);
            published.put(id, new CopyOnWriteArrayList<>());
        }
    }

    /** Creates every task ({@code v1}), then changes them round robin until {@link #stop()}. */
    void start() {
        ids.forEach(this::next);
        running.set(true);
        stream = thread.submit(() -> {
            for (int i = 0; running.get(); i++) {
                next(ids.get(i % ids.size()));
            }
        });
    }

    /** Changes published so far. */
    int sent() {
        return sent.get();
    }

    /** Stops the stream, then gives every task a last state, {@code final}. */
    void stopWithFinalRound() throws Exception {
        running.set(false);
        stream.get(60, TimeUnit.SECONDS);
        for (int id : ids) {
            publish(id, "final");
        }
    }

    List<Integer> ids() {
        return ids;
    }

    /** The texts published for a task, in order. */
    List<String> published(int id) {
        return published.get(id);
    }

    private void next(int id) {
        publish(id, "v" + (published.get(id).size() + 1));
    }

    private void publish(int id, String text) {
        published.get(id).add(text);
        changes.upsert(TASK, id, "{\"id\":" + id + ",\"list\":" + list + ",\"text\":\"" + text + "\",\"done\":false}");
        sent.incrementAndGet();
    }

    @Override
    public void close() {
        running.set(false);
        thread.shutdownNow();
    }
}
