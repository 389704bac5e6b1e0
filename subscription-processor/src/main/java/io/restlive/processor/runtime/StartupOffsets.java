package io.restlive.processor.runtime;

import io.restlive.core.kafka.KafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the topics a processor task applies ended when the instance started, and how far the application
 * had committed: the targets of {@link io.restlive.processor.progress.InputProgress}.
 *
 * @param ends the end offset of each partition (read-committed: transactions not yet committed do not count)
 * @param committed the application's committed offset of each partition that has one
 */
record StartupOffsets(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) {

    /** Reads both from the cluster. */
    static StartupOffsets read(KafkaClients clients, String applicationId, List<String> topics, int partitions,
                               Duration timeout) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        try (Admin admin = Admin.create(clients.config(
                Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())))) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<TopicPartition, Long> committed = new HashMap<>(committed(admin, applicationId, timeout));
            committed.keySet().retainAll(ends.keySet());
            return new StartupOffsets(ends, committed);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of " + topics + " on " + clients.bootstrapServers()
                    + ": " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets", e);
        }
    }

    /** The application's committed offset of every partition that has one. */
    static Map<TopicPartition, Long> committed(Admin admin, String applicationId, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((tp, offset) -> {
                    if (offset != null) {
                        committed.put(tp, offset.offset());
                    }
                });
        return committed;
    }
}
