package io.restlive.e2e.distribution;

import static org.awaitility.Awaitility.await;

import io.restlive.e2e.support.StackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks whose changes stream at a steady pace (renames, moves between two lists, deletes and re-creates), each
 * versioned, with every state published kept: what subscribers must converge to, and what a frame may show.
 */
final class StreamingTasks implements AutoCloseable {

    /** The list subscribers watch; tasks move out of it and back. */
    static final int LIST = 90;
    private static final int OTHER_LIST = 91;
    private static final long CHANGES_PER_SECOND = 20;

    /** One published state of a task; {@code deleted} for a DELETE; when it was published (System.nanoTime). */
    record State(long version, String text, int list, boolean deleted, long publishedAt) {

        State(long version, String text, int list, boolean deleted) {
            this(version, text, list, deleted, 0);
        }

        /** The instance subscribers see (the view serializes id, text, done). */
        String instance(long id) {
            return "{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":false}";
        }
    }

    private final StackExtension stack;
    private final List<Long> ids = new ArrayList<>();
    private final Map<Long, List<State>> published = new ConcurrentHashMap<>();
    private final Random random = new Random(42);
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger sent = new AtomicInteger();
    private ScheduledFuture<?> streaming;

    StreamingTasks(StackExtension stack, long firstId, int count) {
        this.stack = stack;
        for (long id = firstId; id < firstId + count; id++) {
            ids.add(id);
            published.put(id, new CopyOnWriteArrayList<>());
        }
    }

    List<Long> ids() {
        return ids;
    }

    /** Every task in the watched list, version 1. */
    void createAll() {
        ids.forEach(id -> publish(id, new State(1, "v1", LIST, false)));
    }

    void startStreaming() {
        streaming = pace.scheduleAtFixedRate(this::changeOne, 0, 1000 / CHANGES_PER_SECOND, TimeUnit.MILLISECONDS);
    }

    /** Lets the stream run for about {@code duration} more (counted in changes, not in sleeping). */
    void streamFor(Duration duration) {
        int target = sent.get() + (int) (duration.toSeconds() * CHANGES_PER_SECOND);
        await("changes to stream").atMost(duration.multipliedBy(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> sent.get() >= target);
    }

    void stopStreaming() throws Exception {
        streaming.cancel(false);
        pace.submit(() -> { }).get();
    }

    /** One last change of every task: renamed "final", in the watched list. */
    void finalRound() {
        ids.forEach(id -> publish(id, new State(last(id).version() + 1, "final", LIST, false)));
    }

    /** The last state published of a task. */
    State last(long id) {
        List<State> states = published.get(id);
        return states.get(states.size() - 1);
    }

    /** Every state published of a task, in order. */
    List<State> states(long id) {
        return published.get(id);
    }

    private void changeOne() {
        long id = ids.get(random.nextInt(ids.size()));
        State last = last(id);
        long version = last.version() + 1;
        int dice = random.nextInt(20);
        State next;
        if (last.deleted()) {
            next = new State(version, "v" + version, LIST, false);
        } else if (dice == 0) {
            next = new State(version, last.text(), last.list(), true);
        } else if (dice < 5) {
            next = new State(version, last.text(), last.list() == LIST ? OTHER_LIST : LIST, false);
        } else {
            next = new State(version, "v" + version, last.list(), false);
        }
        publish(id, next);
        sent.incrementAndGet();
    }

    private void publish(long id, State unstamped) {
        State state = new State(unstamped.version(), unstamped.text(), unstamped.list(), unstamped.deleted(),
                System.nanoTime());
        published.get(id).add(state);
        stack.changes().publish(state.deleted()
                ? "{\"model\":\"todolist.Task\",\"pk\":" + id + ",\"op\":\"DELETE\",\"version\":" + state.version() + "}"
                : "{\"model\":\"todolist.Task\",\"pk\":" + id + ",\"op\":\"UPSERT\",\"version\":" + state.version()
                        + ",\"instance\":{\"id\":" + id + ",\"text\":\"" + state.text() + "\",\"done\":false,\"list\":"
                        + state.list() + "}}");
    }

    @Override
    public void close() {
        pace.shutdownNow();
    }
}
