package io.restlive.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.json.Json;
import io.restlive.core.kafka.RestLiveTopics;
import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.ViewsFile;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.processor.topology.SubscriptionTopology;
import io.restlive.processor.topology.TopologySettings;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.EdgeHeartbeat;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import io.restlive.schemas.TopicNames;
import io.restlive.testing.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processor instances share the heartbeat partitions: every dead edge session is expired exactly
 * once, by the instance that owns its partition, and both instances lose its groups; live sessions keep
 * theirs.
 */
class EdgeExpiryAcrossInstancesIT {

    private static final String VIEWS = """
            views:
              - name: list-tasks
                model: todolist.Task
                queryset: "instance.list == int(kwargs.list)"
            """;
    private static final int PARTITIONS = 4;
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path stateDir;
    private final List<KafkaStreams> instances = new ArrayList<>();
    private final List<TopologySettings> settings = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(streams -> streams.close(Duration.ofSeconds(30)));
    }

    @Test
    void shouldExpireEachDeadSessionOnceAndEverywhere() throws Exception {
        // given: two instances of one application over the heartbeat partitions
        String prefix = KafkaFixture.unique("expiry-it") + ".";
        TopicNames topics = new TopicNames(prefix);
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        RestLiveTopics.ensure(bootstrap, RestLiveTopics.declarations(topics, PARTITIONS, 1, (short) 1), Duration.ofSeconds(30));
        ViewsFile views = ViewsFile.parse(VIEWS, "it");
        String applicationId = KafkaFixture.unique("expiry-it");
        for (int i = 0; i < 2; i++) {
            start(i, topics, views, applicationId, bootstrap);
        }
        await().atMost(WAIT).until(() -> instances.stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING));

        // and edge sessions on partitions of both instances, each holding a group of its own
        Map<Integer, Integer> ownerOfPartition = heartbeatPartitionOwners(topics);
        List<String> dead = new ArrayList<>();
        List<String> live = new ArrayList<>();
        int[] deadPerInstance = new int[2];
        for (int n = 1; dead.size() < 4 || live.size() < 4; n++) {
            String session = "edge-" + n + "#it";
            int owner = ownerOfPartition.get(partitionOf(session));
            long ownedDead = dead.stream().filter(d -> ownerOfPartition.get(partitionOf(d)) == owner).count();
            if (ownedDead < 2 && dead.size() < 4) {
                dead.add(session);
                deadPerInstance[owner]++;
            } else if (live.size() < 4) {
                live.add(session);
            }
        }
        Map<String, String> groupOf = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            int list = 1;
            for (String session : concat(dead, live)) {
                heartbeat(producer, topics, session);
                groupOf.put(session, join(producer, topics, views, session, list++));
            }
            // Each instance holds the groups of its tasks; list groups reach every task.
            await().atMost(WAIT).until(() -> settings.stream().allMatch(t -> t.groups().size() == 8));

            // when: the dead sessions stop beating, the others go on
            await("the dead sessions to expire").atMost(WAIT).pollInterval(INTERVAL).until(() -> {
                live.forEach(session -> heartbeat(producer, topics, session));
                return settings.stream().allMatch(t -> dead.stream().allMatch(s -> t.groups().group(groupOf.get(s)).isEmpty()));
            });

            // then: both instances lost exactly the dead sessions' groups, and each instance expired only the
            // sessions of its own partitions, each once
            await("expiry to settle").during(TTL.multipliedBy(2)).atMost(WAIT).pollInterval(INTERVAL).until(() -> {
                live.forEach(session -> heartbeat(producer, topics, session));
                return settings.stream().allMatch(t -> live.stream().allMatch(s -> t.groups().group(groupOf.get(s)).isPresent()))
                        && settings.get(0).metrics().edgesExpired() == deadPerInstance[0]
                        && settings.get(1).metrics().edgesExpired() == deadPerInstance[1];
            });
            assertThat(deadPerInstance).containsExactly(2, 2);
            assertThat(settings).allSatisfy(t -> assertThat(t.groups().size()).isEqualTo(4));
        }
    }

    /** Which instance owns each heartbeat partition, once every partition is assigned. */
    private Map<Integer, Integer> heartbeatPartitionOwners(TopicNames topics) {
        Map<Integer, Integer> owners = new HashMap<>();
        await("heartbeat partitions assigned").atMost(WAIT).until(() -> {
            owners.clear();
            for (int i = 0; i < instances.size(); i++) {
                for (ThreadMetadata thread : instances.get(i).metadataForLocalThreads()) {
                    for (TaskMetadata task : thread.activeTasks()) {
                        for (TopicPartition partition : task.topicPartitions()) {
                            if (partition.topic().equals(topics.edgeHeartbeats())) {
                                owners.put(partition.partition(), i);
                            }
                        }
                    }
                }
            }
            return owners.size() == PARTITIONS && owners.containsValue(0) && owners.containsValue(1);
        });
        return owners;
    }

    /** The partition Kafka's default partitioner picks for a record keyed by {@code session}. */
    private static int partitionOf(String session) {
        return Utils.toPositive(Utils.murmur2(session.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void start(int instance, TopicNames topics, ViewsFile views, String applicationId, String bootstrap) {
        TopologySettings each = TopologySettings.of(topics, views, ProcessorMetrics.inMemory()).withEdgeTtl(TTL)
                .withDataPartitions(PARTITIONS);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("instance-" + instance).toString());
        KafkaStreams streams = new KafkaStreams(SubscriptionTopology.build(each), props);
        settings.add(each);
        instances.add(streams);
        streams.start();
    }

    private static void heartbeat(KafkaProducer<String, byte[]> producer, TopicNames topics, String session) {
        try {
            producer.send(new ProducerRecord<>(topics.edgeHeartbeats(), session, AvroCodecs.encode(EdgeHeartbeat.newBuilder()
                    .setSession(session).setIntervalMs(INTERVAL.toMillis()).setTs(Instant.now()).build()))).get();
        } catch (Exception e) {
            throw new AssertionError("heartbeat of " + session + " not sent", e);
        }
    }

    private static String join(KafkaProducer<String, byte[]> ignored, TopicNames topics, ViewsFile views,
                               String session, int list) throws Exception {
        GroupSpec spec = GroupSpecs.spec(views.view("list-tasks").orElseThrow(), "list", null,
                Json.parseObject("{\"list\":" + list + "}"), Json.NODES.objectNode(), LiveUser.ANONYMOUS);
        String groupKey = GroupSpecs.key(spec);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaFixture.shared().clientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (var record : new SubscriptionRecords(topics.subscriptions(), PARTITIONS).join(SubscriptionCommand
                    .newBuilder().setGroupKey(groupKey).setEdgeId(session).setSpec(spec).setTs(Instant.now())
                    .setSlot(0).build())) {
                producer.send(record).get();
            }
        }
        return groupKey;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(KafkaFixture.shared().clientProperties(), new StringSerializer(),
                new ByteArraySerializer());
    }
}
