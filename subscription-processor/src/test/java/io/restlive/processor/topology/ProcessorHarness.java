package io.restlive.processor.topology;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.QueryParams;
import io.restlive.core.views.View;
import io.restlive.core.views.ViewsFile;
import io.restlive.processor.decode.ChangeDecoders;
import io.restlive.processor.groups.GroupIndex;
import io.restlive.processor.metrics.ProcessorMetrics;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.ControlCommand;
import io.restlive.schemas.ControlKind;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.EdgeHeartbeat;
import io.restlive.schemas.FrameEntry;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.Notice;
import io.restlive.schemas.SubscriptionCommand;
import io.restlive.schemas.SubscriptionKeys;
import io.restlive.schemas.TaskPosition;
import io.restlive.schemas.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import tools.jackson.databind.JsonNode;

/**
 * Runs the production topology in a TopologyTestDriver, with helpers to join groups and publish changes.
 * The driver runs every record in one task, of partition 0; edges read slot {@link #SLOT} unless a test
 * says otherwise.
 */
final class ProcessorHarness implements AutoCloseable {

    static final TopicNames TOPICS = TopicNames.defaults();
    static final int SLOT = 0;

    private final ViewsFile views;
    private final TopologySettings settings;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> subscriptions;
    private final TestInputTopic<String, byte[]> heartbeats;
    private final TestInputTopic<byte[], byte[]> changes;
    private final TestOutputTopic<String, byte[]> broadcasts;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<byte[], byte[]> rerouted;
    private final TestOutputTopic<String, byte[]> subscriptionsOut;
    private final List<EdgeBroadcast> read = new ArrayList<>();

    ProcessorHarness(String viewsYaml, Path stateDir) {
        this(viewsYaml, stateDir, settings -> settings);
    }

    ProcessorHarness(String viewsYaml, Path stateDir, ChangeDecoders decoders) {
        this(viewsYaml, stateDir, decoders, settings -> settings);
    }

    ProcessorHarness(String viewsYaml, Path stateDir, Duration edgeTtl) {
        this(viewsYaml, stateDir, settings -> settings.withEdgeTtl(edgeTtl));
    }

    ProcessorHarness(String viewsYaml, Path stateDir, UnaryOperator<TopologySettings> customize) {
        this(viewsYaml, stateDir, ChangeDecoders.standard(), customize);
    }

    private ProcessorHarness(String viewsYaml, Path stateDir, ChangeDecoders decoders,
                             UnaryOperator<TopologySettings> customize) {
        views = ViewsFile.parse(viewsYaml, "test");
        settings = customize.apply(TopologySettings.of(TOPICS, views, decoders, ProcessorMetrics.inMemory()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "processor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SubscriptionTopology.build(settings), props);
        subscriptions = driver.createInputTopic(TOPICS.subscriptions(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        heartbeats = driver.createInputTopic(TOPICS.edgeHeartbeats(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        changes = driver.createInputTopic(TOPICS.changes(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        broadcasts = driver.createOutputTopic(TOPICS.broadcasts(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
        rerouted = driver.createOutputTopic(TOPICS.reroutedChanges(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
        subscriptionsOut = driver.createOutputTopic(TOPICS.subscriptions(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    // ---- edges and groups

    /** An edge session starts and reads {@code slot}. */
    void startEdge(String session, int slot) {
        subscriptions.pipeInput(SubscriptionKeys.edge(session), AvroCodecs.encode(ControlCommand.newBuilder()
                .setKind(ControlKind.EDGE_STARTED).setSession(session).setSlot(slot).setTs(Instant.EPOCH).build()));
    }

    /** Announces a list group from {@code session}; returns its key. */
    String joinList(String view, String kwargs, LiveUser user, String session) {
        return join(spec(view, "list", null, kwargs, user), session);
    }

    /** Announces a retrieve group of {@code targetPk} from {@code session}; returns its key. */
    String joinRetrieve(String view, JsonNode targetPk, LiveUser user, String session) {
        return join(spec(view, "retrieve", targetPk, "{}", user), session);
    }

    String join(GroupSpec spec, String session) {
        return join(spec, session, command -> command);
    }

    /**
     * Announces a group with a command the caller completes (a cut, a target, another slot).
     *
     * @return the group key
     */
    String join(GroupSpec spec, String session, UnaryOperator<SubscriptionCommand.Builder> complete) {
        String groupKey = GroupSpecs.key(spec);
        SubscriptionCommand.Builder command = SubscriptionCommand.newBuilder().setGroupKey(groupKey).setEdgeId(session)
                .setSpec(spec).setTs(Instant.EPOCH).setSlot(SLOT);
        subscriptions.pipeInput(SubscriptionKeys.pair(groupKey, session), AvroCodecs.encode(complete.apply(command).build()));
        return groupKey;
    }

    /** A join's cut: the position of task 0 the edge had read, in the task's current epoch. */
    List<TaskPosition> cutAt(long seq) {
        return List.of(new TaskPosition(0, epoch(), seq));
    }

    /** The epoch of task 0, as its notices and markers say. */
    int epoch() {
        return positionOfTask().getEpoch();
    }

    /** The position task 0 last reported (a marker it is asked for by starting a throwaway edge). */
    TaskPosition positionOfTask() {
        startEdge("probe#position", 99);
        List<EdgeBroadcast> out = drain();
        return out.get(out.size() - 1).getPosition();
    }

    /** The edge's last subscriber left: a tombstone. */
    void leave(String groupKey, String session) {
        subscriptions.pipeInput(SubscriptionKeys.pair(groupKey, session), (byte[]) null);
    }

    /** The edge's last subscriber left, said with a command whose spec is null. */
    void leaveWithNullSpec(String groupKey, String session) {
        subscriptions.pipeInput(SubscriptionKeys.pair(groupKey, session), AvroCodecs.encode(SubscriptionCommand.newBuilder()
                .setGroupKey(groupKey).setEdgeId(session).setSpec(null).setTs(Instant.EPOCH).build()));
    }

    /** A heartbeat of edge session {@code session}, which beats every {@code interval}. */
    void heartbeat(String session, Duration interval) {
        heartbeats.pipeInput(session, AvroCodecs.encode(EdgeHeartbeat.newBuilder().setSession(session)
                .setIntervalMs(interval.toMillis()).setTs(Instant.EPOCH).setSlot(SLOT).build()));
    }

    /** Any bytes as the heartbeat of {@code session}. */
    void pipeHeartbeatBytes(String session, byte[] value) {
        heartbeats.pipeInput(session, value);
    }

    /** The edge ended its session: a heartbeat tombstone. */
    void endSession(String session) {
        heartbeats.pipeInput(session, (byte[]) null);
    }

    /** Pipes what the processor wrote to the subscriptions topic back in, as the topic would deliver it. */
    List<TestRecord<String, byte[]>> subscriptionsWritten() {
        return subscriptionsOut.readRecordsToList();
    }

    /** Pipes records as a subscriptions-topic record. */
    void pipeSubscription(String key, byte[] value) {
        subscriptions.pipeInput(key, value);
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

    // ---- changes

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

    // ---- what came out

    /** Every record written to the broadcasts topic since the last call, decoded. */
    List<EdgeBroadcast> drain() {
        List<EdgeBroadcast> out = new ArrayList<>();
        for (byte[] value : broadcasts.readValuesToList()) {
            try {
                out.add(AvroCodecs.decodeBroadcast(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        read.addAll(out);
        return out;
    }

    /** The broadcast records that carry frames, since the last call. */
    List<EdgeBroadcast> broadcasts() {
        return drain().stream().filter(b -> b.getChange() != null).toList();
    }

    /** The live frames (addressed to every edge of the group) since the last call, in order. */
    List<Entry> entries() {
        return frames(drain()).stream().filter(f -> f.target() == null)
                .map(f -> new Entry(f.group(), f.action(), f.instance())).toList();
    }

    /** Every frame since the last call, live and replayed, in order. */
    List<Frame> frames() {
        return frames(drain());
    }

    /** The notices since the last call, in order. */
    List<Notice> notices() {
        return drain().stream().flatMap(b -> b.getNotices().stream()).toList();
    }

    static List<Frame> frames(List<EdgeBroadcast> records) {
        List<Frame> out = new ArrayList<>();
        for (EdgeBroadcast record : records) {
            if (record.getChange() == null) {
                continue;
            }
            for (FrameEntry entry : record.getChange().getEntries()) {
                out.add(new Frame(entry.getGroupKey(), entry.getAction(),
                        record.getChange().getPayloads().get(entry.getPayload()), entry.getTarget(),
                        record.getPosition().getSeq()));
            }
        }
        return out;
    }

    /** One live frame: its group, action and instance. */
    record Entry(String group, BroadcastAction action, String instance) {
    }

    /** One frame with its target (null for live) and the sequence number of its change. */
    record Frame(String group, BroadcastAction action, String instance, String target, long seq) {
    }

    List<TestRecord<String, byte[]>> broadcastRecords() {
        return broadcasts.readRecordsToList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    List<TestRecord<byte[], byte[]>> rerouted() {
        return rerouted.readRecordsToList();
    }

    /** The sessions holding a group in any task. */
    List<String> sessions(String groupKey) {
        return settings.groups().routes(groupKey).stream().map(GroupIndex.Route::session).toList();
    }

    GroupIndex groups() {
        return settings.groups();
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
