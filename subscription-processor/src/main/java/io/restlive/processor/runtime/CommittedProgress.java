package io.restlive.processor.runtime;

import io.restlive.core.kafka.KafkaClients;
import io.restlive.processor.progress.InputProgress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the application's committed offsets into {@link InputProgress} until every partition is caught up.
 * Without it, an instance that takes over a partition which another instance had already processed past this
 * instance's start-up target (a rolling start, a rebalance) would wait for a record that may never come:
 * nothing is left to process, so nothing reports progress, and readiness and lookups would wait forever.
 * Polls only while something is behind, then stops.
 */
final class CommittedProgress implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommittedProgress.class);

    private final InputProgress progress;
    private final Supplier<Map<TopicPartition, Long>> committed;
    private final AutoCloseable resources;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rest-live-committed-progress");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param progress what is told of the committed offsets
     * @param committed reads the application's committed offsets (may throw; the next poll tries again)
     * @param resources what {@code committed} uses, closed once polling ends
     */
    CommittedProgress(InputProgress progress, Supplier<Map<TopicPartition, Long>> committed, AutoCloseable resources) {
        this.progress = progress;
        this.committed = committed;
        this.resources = resources;
    }

    /** Reads the committed offsets of consumer group {@code applicationId} with an admin client of its own. */
    static CommittedProgress reading(InputProgress progress, KafkaClients clients, String applicationId, Duration timeout) {
        Admin admin = Admin.create(clients.config(
                Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())));
        return new CommittedProgress(progress, () -> {
            try {
                return StartupOffsets.committed(admin, applicationId, timeout);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }, admin);
    }

    /** Polls every {@code interval} until every tracked partition is caught up. */
    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::pollOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One poll: applies the committed offsets if anything is behind; stops polling once nothing is. */
    void pollOnce() {
        if (!progress.allCaughtUp()) {
            try {
                committed.get().forEach((tp, offset) -> progress.committed(tp.topic(), tp.partition(), offset));
            } catch (RuntimeException e) {
                log.debug("Could not read the committed offsets (tried again shortly): {}", e.toString());
            }
        }
        if (progress.allCaughtUp()) {
            close();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            resources.close();
        } catch (Exception e) {
            log.debug("Closing the committed offsets' reader: {}", e.toString());
        }
    }
}
