package io.restlive.spring.outbox;

import io.restlive.spring.RestLiveProperties;
import io.restlive.spring.internal.ChangePublisher;
import io.restlive.spring.internal.LiveChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the rows of {@code rest_live_outbox} to Kafka, oldest first, on one thread of its own, and deletes
 * them once the broker acknowledged them. A crash between the acknowledgement and the delete sends the rows
 * again after the restart; every row carries a version, so the processor drops the second copy.
 *
 * <p>It polls every {@code rest-live.outbox.poll-interval} and is woken at once after each commit that wrote
 * rows. A failed round (broker down, timeout) leaves the rows in place and is retried on the next poll.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxTable table;
    private final ChangePublisher publisher;
    private final JsonMapper mapper;
    private final RestLiveProperties.Outbox settings;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    private volatile long sendingFromNanos = Long.MAX_VALUE;

    public OutboxRelay(OutboxTable table, ChangePublisher publisher, JsonMapper mapper, RestLiveProperties.Outbox settings) {
        this.table = table;
        this.publisher = publisher;
        this.mapper = mapper;
        this.settings = settings;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rest-live-outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        Duration delay = settings.getRelayStartDelay();
        sendingFromNanos = System.nanoTime() + delay.toNanos();
        if (!delay.isZero()) {
            log.warn("rest-live outbox relay starts sending in {} (rest-live.outbox.relay-start-delay, a test hook)", delay);
        }
        executor.scheduleWithFixedDelay(this::drainQuietly, delay.toMillis(), settings.getPollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Asks for a round now instead of at the next poll; rounds never overlap. */
    public void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null && System.nanoTime() - sendingFromNanos >= 0 && wakeUpQueued.compareAndSet(false, true)) {
            current.execute(() -> {
                wakeUpQueued.set(false);
                drainQuietly();
            });
        }
    }

    /**
     * Sends rows until the table is empty or a round fails.
     *
     * @throws ExecutionException if the broker refused a round
     * @throws TimeoutException if the broker did not acknowledge a round in time
     * @throws InterruptedException if the relay is being stopped
     */
    void drain() throws ExecutionException, TimeoutException, InterruptedException {
        while (true) {
            List<OutboxRow> rows = table.next(settings.getBatchSize());
            if (rows.isEmpty()) {
                return;
            }
            publisher.publish(rows.stream().map(this::toChange).toList())
                    .get(settings.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            table.delete(rows);
            log.debug("rest-live outbox relay sent rows {} to {}", rows.get(0).id(), rows.get(rows.size() - 1).id());
            if (rows.size() < settings.getBatchSize()) {
                return;
            }
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("rest-live outbox relay could not send; the rows stay and are retried in {}",
                    settings.getPollInterval(), e);
        }
    }

    private LiveChange toChange(OutboxRow row) {
        JsonNode pk = mapper.readTree(row.pkJson());
        Object pkValue = pk.isIntegralNumber() ? (Object) pk.longValue() : pk.stringValue();
        JsonNode instance = row.isDelete() ? null : mapper.readTree(row.instanceJson());
        return new LiveChange(row.model(), pkValue, instance, row.effectiveVersion());
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current == null) {
            return;
        }
        current.shutdown();
        try {
            if (!current.awaitTermination(settings.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
