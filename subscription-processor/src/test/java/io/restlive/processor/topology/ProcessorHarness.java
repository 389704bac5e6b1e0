package io.restlive.processor.topology;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.QueryParams;
import io.restlive.core.views.View;
import io.restlive.core.views.ViewsFile;
import io.restlive.processor.catchup.PendingCatchUps;
import io.restlive.processor.decode.ChangeDecoders;
import io.restlive.processor.entities.EntityPartitions;
import io.restlive.processor.groups.GroupIndex;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.CatchUpRequest;
import io.restlive.schemas.ChangeBroadcast;
import io.restlive.schemas.EdgeHeartbeat;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import io.restlive.schemas.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import tools.jackson.databind.JsonNode;

/** Runs the production topology in a TopologyTestDriver, with helpers to join groups and publish changes. */
final class ProcessorHarness implements AutoCloseable {

    static final TopicNames TOPICS = TopicNames.defaults();
    /** A TopologyTestDriver runs one task per subtopology, on partition 0: it stores every entity. */
    static final EntityPartitions ONE_TASK = entityKey -> OptionalInt.of(0);

    private final ViewsFile views;
    private final TopologySettings settings;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> subscriptions;
    private final TestInputTopic<String, byte[]> heartbeats;
    private final TestInputTopic<byte[], byte[]> changes;
    private final TestOutputTopic<String, ChangeBroadcast> broadcasts;
    private final TestOutputTopic<byte[], byte[]> deadLetters;

    ProcessorHarness(String viewsYaml, Path stateDir) {
        this(viewsYaml, stateDir, ChangeDecoders.standard());
    }

    ProcessorHarness(String viewsYaml, Path stateDir, ChangeDecoders decoders) {
        this(viewsYaml, stateDir, decoders, TopologySettings.DEFAULT_EDGE_TTL, ONE_TASK);
    }

    ProcessorHarness(String viewsYaml, Path stateDir, Duration edgeTtl) {
        this(viewsYaml, stateDir, ChangeDecoders.standard(), edgeTtl, ONE_TASK);
    }

    /** A harness whose one task (partition 0) stores only the entities {@code partitions} puts there. */
    ProcessorHarness(String viewsYaml, Path stateDir, EntityPartitions partitions) {
        this(viewsYaml, stateDir, ChangeDecoders.standard(), TopologySettings.DEFAULT_EDGE_TTL, partitions);
    }

    private ProcessorHarness(String viewsYaml, Path stateDir, ChangeDecoders decoders, Duration edgeTtl,
                             EntityPartitions partitions) {
        views = ViewsFile.parse(viewsYaml, "test");
        settings = TopologySettings.of(TOPICS, views, decoders, ProcessorMetrics.inMemory()).withEdgeTtl(edgeTtl)
                .withEntityPartitions(partitions);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SubscriptionTopology.build(settings), props);
        ProcessorTopics topics = ProcessorTopics.of(TOPICS);
        subscriptions = driver.createInputTopic(topics.subscriptions().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        heartbeats = driver.createInputTopic(topics.edgeHeartbeats().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        changes = driver.createInputTopic(topics.changes().name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        broadcasts = driver.createOutputTopic(topics.broadcasts().name(), Serdes.String().deserializer(),
                topics.broadcasts().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters().name(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    /** Announces a list group from {@code edgeId}; returns its key. */
    String joinList(String view, String kwargs, LiveUser user, String edgeId) {
        return join(spec(view, "list", null, kwargs, user), edgeId);
    }

    /** Announces a retrieve group of {@code targetPk} from {@code edgeId}; returns its key. */
    String joinRetrieve(String view, JsonNode targetPk, LiveUser user, String edgeId) {
        return join(spec(view, "retrieve", targetPk, "{}", user), edgeId);
    }

    /**
     * A retrieve subscriber of {@code targetPk} on {@code edgeId} joins with a catch-up request: it saw
     * the state whose digest is {@code digest}; the command is sent now (by the driver's wall clock).
     */
    String joinRetrieveCatchingUp(String view, JsonNode targetPk, String edgeId, String catchUpKey, String digest,
                                  String deletedPayload, Instant sentAt) {
        GroupSpec spec = spec(view, "retrieve", targetPk, "{}", LiveUser.ANONYMOUS);
        String groupKey = GroupSpecs.key(spec);
        subscriptions.pipeInput(groupKey + "|" + edgeId, AvroCodecs.encode(SubscriptionCommand.newBuilder()
                .setGroupKey(groupKey).setEdgeId(edgeId).setSpec(spec).setTs(sentAt)
                .setCatchUp(CatchUpRequest.newBuilder().setKey(catchUpKey).setDigest(digest)
                        .setDeletedPayload(deletedPayload).build())
                .build()));
        return groupKey;
    }

    String join(GroupSpec spec, String edgeId) {
        String groupKey = GroupSpecs.key(spec);
        subscriptions.pipeInput(groupKey + "|" + edgeId, AvroCodecs.encode(SubscriptionCommand.newBuilder()
                .setGroupKey(groupKey).setEdgeId(edgeId).setSpec(spec).setTs(Instant.EPOCH).build()));
        return groupKey;
    }

    /** The edge's last subscriber left: a tombstone. */
    void leave(String groupKey, String edgeId) {
        subscriptions.pipeInput(groupKey + "|" + edgeId, (byte[]) null);
    }

    /** The edge's last subscriber left, said with a command whose spec is null. */
    void leaveWithNullSpec(String groupKey, String edgeId) {
        subscriptions.pipeInput(groupKey + "|" + edgeId, AvroCodecs.encode(SubscriptionCommand.newBuilder()
                .setGroupKey(groupKey).setEdgeId(edgeId).setSpec(null).setTs(Instant.EPOCH).build()));
    }

    /** A heartbeat of edge session {@code session}, which beats every {@code interval}. */
    void heartbeat(String session, Duration interval) {
        heartbeats.pipeInput(session, AvroCodecs.encode(EdgeHeartbeat.newBuilder().setSession(session)
                .setIntervalMs(interval.toMillis()).setTs(Instant.EPOCH).build()));
    }

    /** Any bytes as the heartbeat of {@code session}. */
    void pipeHeartbeatBytes(String session, byte[] value) {
        heartbeats.pipeInput(session, value);
    }

    /** The edge ended its session: a heartbeat tombstone. */
    void endSession(String session) {
        heartbeats.pipeInput(session, (byte[]) null);
    }

    /** Moves the processor's wall clock, running its wall-clock punctuations. */
    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    GroupSpec spec(String view, String action, JsonNode targetPk, String kwargs, LiveUser user) {
        View v = views.view(view).orElseThrow();
        return GroupSpecs.spec(v, action, targetPk, Json.parseObject(kwargs),
                QueryParams.normalize(Json.NODES.objectNode()), user);
    }

    /** Publishes a JSON UPSERT envelope. */
    void upsert(String model, Object pk, String instance, Long version) {
        json("{\"model\":\"" + model + "\",\"pk\":" + pkJson(pk) + ",\"op\":\"UPSERT\",\"instance\":" + instance
                + (version == null ? "" : ",\"version\":" + version) + ",\"ts\":1000}");
    }

    /** Publishes a JSON DELETE envelope. */
    void delete(String model, Object pk, Long version) {
        json("{\"model\":\"" + model + "\",\"pk\":" + pkJson(pk) + ",\"op\":\"DELETE\""
                + (version == null ? "" : ",\"version\":" + version) + "}");
    }

    void json(String envelope) {
        pipe("key".getBytes(StandardCharsets.UTF_8), envelope.getBytes(StandardCharsets.UTF_8));
    }

    void pipe(byte[] key, byte[] value) {
        changes.pipeInput(key, value);
    }

    /** Broadcasts written since the last call. */
    List<ChangeBroadcast> broadcasts() {
        return broadcasts.readValuesToList();
    }

    /** The group entries of every broadcast written since the last call, in order. */
    List<Entry> entries() {
        return broadcasts().stream().flatMap(b -> b.getGroups().stream())
                .map(g -> new Entry(g.getGroupKey(), g.getAction(), g.getInstance())).toList();
    }

    /** One group entry of a broadcast. */
    record Entry(String group, BroadcastAction action, String instance) {
    }

    List<TestRecord<String, ChangeBroadcast>> broadcastRecords() {
        return broadcasts.readRecordsToList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    GroupIndex groups() {
        return settings.groups();
    }

    PendingCatchUps catchUps() {
        return settings.catchUps();
    }

    ProcessorMetrics metrics() {
        return settings.metrics();
    }

    private static String pkJson(Object pk) {
        return pk instanceof String s ? "\"" + s + "\"" : String.valueOf(pk);
    }

    @Override
    public void close() {
        driver.close();
    }
}
