package io.restlive.edge.groups;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.EdgeHeartbeat;
import io.restlive.schemas.TaskPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this edge's session alive on the processor: a heartbeat keyed by session every interval, on the
 * edge-heartbeats topic. The processor expires the groups of a session it has not heard from for longer
 * than its TTL (at least three intervals), which is how the groups of a killed edge disappear.
 *
 * <p>After its first heartbeat a session is announced to every processor task with the slot it reads
 * ({@link GroupCommands#startSession}); each task answers with its position, which the edge's first cut
 * needs. If two acknowledged heartbeats are more than two intervals apart (the broker was unreachable, or
 * this process was paused), the processor may have expired the session: the edge then renews it and
 * joins its groups again ({@link LocalGroups#renewSession}).
 */
public final class EdgeHeartbeats implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EdgeHeartbeats.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final EdgeSession session;
    private final Duration interval;
    private final LocalGroups groups;
    private final GroupCommands commands;
    private final BooleanSupplier positionsKnown;
    private final LongSupplier clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rest-live-heartbeats");
        thread.setDaemon(true);
        return thread;
    });
    private long lastAckMs = -1;
    /** What the edge had read just before it sent the last acknowledged heartbeat. */
    private List<TaskPosition> lastAckPositions = List.of();

    /**
     * @param producer the edge's producer
     * @param topic the edge-heartbeats topic
     * @param session this edge's session, shared with its {@link GroupCommands}
     * @param interval how often to beat
     * @param groups the groups to join again when the session is renewed
     * @param commands where the session is announced to the processor's tasks
     * @param positionsKnown true once every task's position reached this edge; until then each heartbeat
     *     announces the session again (a task that was down missed it)
     * @param clock milliseconds, {@code System::currentTimeMillis} outside tests
     */
    public EdgeHeartbeats(Producer<byte[], byte[]> producer, String topic, EdgeSession session, Duration interval,
                          LocalGroups groups, GroupCommands commands, BooleanSupplier positionsKnown,
                          LongSupplier clock) {
        this.producer = producer;
        this.topic = topic;
        this.session = session;
        this.interval = interval;
        this.groups = groups;
        this.commands = commands;
        this.positionsKnown = positionsKnown;
        this.clock = clock;
    }

    /**
     * Sends the first heartbeat and waits for it, so that the processor knows the session before any group
     * is joined under it, then beats every interval.
     */
    public void start() {
        groups.onExpiry(this::expiredByProcessor);
        beat();
        announce(commands.startSession());
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::beatSafely, ms, ms, TimeUnit.MILLISECONDS);
        log.info("Edge session {} beating every {}", session.id(), interval);
    }

    /** One heartbeat; renews the session if the previous acknowledged one is more than two intervals old. */
    synchronized void beat() {
        long previous = lastAckMs;
        List<TaskPosition> previousPositions = lastAckPositions;
        // Read before the heartbeat leaves: the processor cannot expire the session before it has received this
        // heartbeat and then a TTL has passed, so every task was at or past these positions when it did.
        List<TaskPosition> readBefore = groups.readPositions();
        if (!send()) {
            return;
        }
        long now = clock.getAsLong();
        if (previous >= 0 && now - previous > 2 * interval.toMillis()) {
            log.warn("No heartbeat of edge session {} reached the broker for {} ms: the processor may have expired "
                    + "it", session.id(), now - previous);
            groups.renewSession(() -> {
                send();
                announce(commands.startSession());
            }, previousPositions);
        } else if (previous >= 0 && !positionsKnown.getAsBoolean()) {
            log.info("Some processor tasks have not told edge session {} their position yet; announcing it again",
                    session.id());
            announce(commands.startSession());
        }
        lastAckMs = now;
        lastAckPositions = readBefore;
    }

    /**
     * The processor expired the current session although this edge is alive (it could not read the heartbeats
     * in time: a processor overloaded or paused). The edge renews the session at once, on the heartbeat thread,
     * joining its groups again from {@code read}: every task forgot the old session's pairs at or after the
     * position read there, so what the old session missed is replayed.
     */
    void expiredByProcessor(String expired, List<TaskPosition> read) {
        scheduler.execute(() -> {
            synchronized (this) {
                if (!session.id().equals(expired)) {
                    return;
                }
                log.warn("The processor expired edge session {} although its heartbeats reached the broker; renewing it",
                        expired);
                groups.renewSession(() -> {
                    send();
                    announce(commands.startSession());
                }, read);
                lastAckMs = clock.getAsLong();
                lastAckPositions = read;
            }
        });
    }

    /** Waits for the broker to take the session's start on every partition. */
    private void announce(List<Future<RecordMetadata>> sent) {
        for (var future : sent) {
            try {
                future.get(interval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Start of edge session {} not acknowledged: {}", session.id(), e.toString());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.warn("Edge heartbeat failed: {}", e.toString());
        }
    }

    /** Sends a heartbeat of the current session; true once the broker has it. */
    private boolean send() {
        String id = session.id();
        EdgeHeartbeat heartbeat = EdgeHeartbeat.newBuilder().setSession(id).setIntervalMs(interval.toMillis())
                .setTs(Instant.ofEpochMilli(clock.getAsLong())).setSlot(session.slot() < 0 ? null : session.slot()).build();
        try {
            producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), AvroCodecs.encode(heartbeat)))
                    .get(interval.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Heartbeat of edge session {} not acknowledged: {}", id, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops beating. The session is not ended explicitly: the groups were left (or are left next) with
     * tombstones, and the processor expires the silent session, sweeping any pair a crash left behind.
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
