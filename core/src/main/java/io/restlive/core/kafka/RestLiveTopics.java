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

    /** The partitions of the broadcasts topic when none is configured: the slots edges choose from. */
    public static final int DEFAULT_BROADCAST_PARTITIONS = 12;

    /**
     * The topics with their partition counts. Changes, rerouted changes and subscriptions share
     * {@code dataPartitions}: a processor task reads the same partition of each, which is what makes a
     * change and the groups of its entity meet in one task. Broadcasts has {@code broadcastPartitions},
     * the slots edges read (one each, the least used). Edge heartbeats (compacted, keyed by edge session)
     * share {@code dataPartitions} too, so that expiring edges is spread over the processor instances;
     * dead letters have one partition.
     */
    public static List<NewTopic> declarations(TopicNames names, int dataPartitions, int broadcastPartitions,
                                              short replication) {
        Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return List.of(
                new NewTopic(names.changes(), dataPartitions, replication),
                new NewTopic(names.reroutedChanges(), dataPartitions, replication),
                new NewTopic(names.subscriptions(), dataPartitions, replication).configs(compact),
                new NewTopic(names.broadcasts(), broadcastPartitions, replication),
                new NewTopic(names.deadLetters(), 1, replication),
                new NewTopic(names.edgeHeartbeats(), dataPartitions, replication).configs(compact));
    }

    /**
     * Checks that the topics a processor task reads together have one partition count, and returns it.
     *
     * @throws IllegalStateException naming the topics and their counts if they differ (for instance a
     *     subscriptions topic left by a version that had one partition), or if the broker cannot be reached
     */
    public static int dataPartitions(String bootstrapServers, TopicNames names, Duration timeout) {
        return dataPartitions(KafkaClients.of(bootstrapServers), names, timeout);
    }

    /** As {@link #dataPartitions(String, TopicNames, Duration)}, on a cluster with client properties. */
    public static int dataPartitions(KafkaClients clients, TopicNames names, Duration timeout) {
        List<String> together = List.of(names.changes(), names.reroutedChanges(), names.subscriptions());
        Map<String, Integer> counts = partitionCounts(clients, together, timeout);
        Set<Integer> distinct = new HashSet<>(counts.values());
        if (distinct.size() != 1) {
            throw new IllegalStateException("the topics " + together + " must have the same number of partitions "
                    + "(a processor task reads one partition of each), but they have " + counts + ". Recreate the "
                    + "smaller ones with the changes topic's count (or, for a local stack, delete its state "
                    + "directory).");
        }
        return distinct.iterator().next();
    }

    /**
     * The partition count of each topic.
     *
     * @throws IllegalStateException if a topic is missing or the broker cannot be reached
     */
    public static Map<String, Integer> partitionCounts(KafkaClients clients, Collection<String> topics,
                                                       Duration timeout) {
        try (Admin admin = Admin.create(adminConfig(clients, timeout))) {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((name, description) -> counts.put(name, description.partitions().size()));
            return counts;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe topics " + topics + " on " + clients.bootstrapServers()
                    + ": " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        }
    }

    private static Map<String, Object> adminConfig(KafkaClients clients, Duration timeout) {
        return clients.config(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
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
        ensure(KafkaClients.of(bootstrapServers), topics, timeout);
    }

    /** As {@link #ensure(String, Collection, Duration)}, on a cluster with client properties. */
    public static void ensure(KafkaClients clients, Collection<NewTopic> topics, Duration timeout) {
        try (Admin admin = Admin.create(adminConfig(clients, timeout))) {
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
            throw new IllegalStateException("could not create rest-live's topics on " + clients.bootstrapServers()
                    + ": " + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
