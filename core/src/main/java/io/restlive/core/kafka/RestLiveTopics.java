package io.restlive.core.kafka;

import io.restlive.schemas.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares rest-live's topics: creates the missing ones with explicit partition counts (auto-creation
 * stays off on the broker), and leaves existing ones as they are.
 */
public final class RestLiveTopics {

    private static final Logger log = LoggerFactory.getLogger(RestLiveTopics.class);

    private RestLiveTopics() {
    }

    /**
     * The topics with their partition counts: changes and broadcasts share {@code dataPartitions};
     * subscriptions (compacted) and dead letters have one partition each; edge heartbeats (compacted,
     * keyed by edge session) too share {@code dataPartitions}, so that expiring edges is spread over the
     * processor instances.
     */
    public static List<NewTopic> declarations(TopicNames names, int dataPartitions, short replication) {
        return List.of(
                new NewTopic(names.changes(), dataPartitions, replication),
                new NewTopic(names.subscriptions(), 1, replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(names.broadcasts(), dataPartitions, replication),
                new NewTopic(names.deadLetters(), 1, replication),
                new NewTopic(names.edgeHeartbeats(), dataPartitions, replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    /**
     * Creates the topics that do not exist yet.
     *
     * @param bootstrapServers the cluster
     * @param topics the declarations
     * @param timeout how long to wait for the broker
     * @throws IllegalStateException if the broker cannot be reached or refuses, with the reason
     */
    public static void ensure(String bootstrapServers, Collection<NewTopic> topics, Duration timeout) {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created topic {}", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create rest-live's topics on " + bootstrapServers
                    + ": " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
