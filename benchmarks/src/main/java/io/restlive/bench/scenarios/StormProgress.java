package io.restlive.bench.scenarios;

import io.restlive.bench.load.Latencies;
import io.restlive.bench.ws.WsConnection;
import io.restlive.core.json.Json;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * Where each storm subscription stands: sent, announced by the edge, confirmed: its first broadcast received
 * (protocol v1, by probes), or its {@code subscribed} acknowledgement (protocol v2, sent once it is live).
 * Subscription {@code s} asks for group value {@code GROUP_BASE + s} and is sent on connection {@code s %
 * connections} with id {@code s / connections + 1}; frames and announcements are matched back by either.
 */
final class StormProgress {

    private static final long GROUP_BASE = 10_000_000L;
    /** Without announcements to go by, a subscription is probed this long after it was sent. */
    private static final long PROBE_WITHOUT_ANNOUNCEMENT_NANOS = Duration.ofSeconds(2).toNanos();
    /** The first re-probe waits this long; each miss doubles it, up to {@link #MAX_PROBE_GAP_NANOS}. */
    static final Duration FIRST_PROBE_GAP = Duration.ofMillis(100);
    static final Duration MAX_PROBE_GAP = Duration.ofSeconds(1);
    private static final long MAX_PROBE_GAP_NANOS = MAX_PROBE_GAP.toNanos();

    private final int size;
    private final int connections;
    private final AtomicLongArray sentAt;
    private final AtomicLongArray announcedAt;
    private final AtomicIntegerArray confirmedFlags;
    private final AtomicIntegerArray probesSent;
    private final AtomicLongArray nextProbeAt;
    private final AtomicInteger announced = new AtomicInteger();
    private final AtomicInteger confirmed = new AtomicInteger();
    private final Latencies announce = new Latencies();
    private final Latencies firstBroadcast = new Latencies();
    private final Latencies live = new Latencies();
    private volatile long firstSend;
    private volatile long lastAnnouncement;
    private volatile long probes;

    StormProgress(int size, int connections) {
        this.size = size;
        this.connections = connections;
        this.sentAt = new AtomicLongArray(size);
        this.announcedAt = new AtomicLongArray(size);
        this.confirmedFlags = new AtomicIntegerArray(size);
        this.probesSent = new AtomicIntegerArray(size);
        this.nextProbeAt = new AtomicLongArray(size);
    }

    int size() {
        return size;
    }

    long group(int subscription) {
        return GROUP_BASE + subscription;
    }

    /** Subscription {@code s} is about to be sent. */
    void sending(int s) {
        long now = System.nanoTime();
        if (s == 0) {
            firstSend = now;
        }
        sentAt.set(s, now);
    }

    /** The id subscription {@code s} is sent with, on connection {@code s % connections}. */
    long id(int s) {
        return s / connections + 1L;
    }

    void onFrame(WsConnection connection, String text, long arrival) {
        JsonNode frame = Json.parse(text);
        if ("subscribed".equals(frame.path("type").asString(""))) {
            JsonNode id = frame.path("id");
            int s = id.isNumber() ? (int) ((id.longValue() - 1) * connections + connection.index()) : -1;
            if (s >= 0 && s < size && confirmedFlags.compareAndSet(s, 0, 1)) {
                live.record(sentAt.get(s), arrival);
                confirmed.incrementAndGet();
            }
            return;
        }
        JsonNode group = frame.path("instance").path("group");
        int s = group.isNumber() ? (int) (group.longValue() - GROUP_BASE) : -1;
        if (s >= 0 && s < size && confirmedFlags.compareAndSet(s, 0, 1)) {
            firstBroadcast.record(sentAt.get(s), arrival);
            confirmed.incrementAndGet();
        }
    }

    /** Keys end with the edge's session, {@code <edge id>#<session>}, or with the bare edge id. */
    private static boolean announcedBy(String key, String edgeId) {
        String announcer = key.substring(key.lastIndexOf('|') + 1);
        return announcer.equals(edgeId) || announcer.startsWith(edgeId + "#");
    }

    void onAnnouncement(ConsumerRecord<String, byte[]> record, long arrival, String edgeId) {
        if (record.value() == null || record.key() == null || !announcedBy(record.key(), edgeId)) {
            return;
        }
        int s = subscriptionAnnounced(record.value());
        if (s >= 0 && s < size && announcedAt.compareAndSet(s, 0, arrival)) {
            announce.record(sentAt.get(s), arrival);
            announced.incrementAndGet();
            lastAnnouncement = arrival;
        }
    }

    /** The subscription a join command announces, or -1 if it is no join of a storm group. */
    private static int subscriptionAnnounced(byte[] value) {
        try {
            SubscriptionCommand command = AvroCodecs.decodeCommand(value);
            if (command.getSpec() == null || !StormScenario.MODEL.equals(command.getSpec().getModel())) {
                return -1;
            }
            return (int) (Json.parseObject(command.getSpec().getKwargs()).path("group").longValue() - GROUP_BASE);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Decodes a made-up announcement, to be called before the storm. The tail thread reads no record while
     * it decodes one, and this JVM's first decode loads and initializes Avro: with the edge keeping both
     * cores busy that took 1.6-2.3 s, so every announcement was seen that much late and the accepted rate
     * was computed over that much longer.
     */
    static void warmUpDecoding() {
        GroupSpec spec = GroupSpec.newBuilder().setView(StormScenario.MODEL).setModel(StormScenario.MODEL)
                .setAction("list").setKwargs("{\"group\":-1}").build();
        subscriptionAnnounced(AvroCodecs.encode(SubscriptionCommand.newBuilder().setGroupKey("warm-up")
                .setEdgeId("warm-up").setSpec(spec).setTs(Instant.now()).build()));
    }

    /**
     * Whether subscription {@code s} should get a probe change now: sent, announced (or sent long ago),
     * still without a frame, and its back-off since the last probe is over.
     */
    boolean probeDue(int s, long now) {
        long sent = sentAt.get(s);
        return sent != 0 && confirmedFlags.get(s) == 0
                && (announcedAt.get(s) != 0 || now - sent > PROBE_WITHOUT_ANNOUNCEMENT_NANOS)
                && (probesSent.get(s) == 0 || now - nextProbeAt.get(s) >= 0);
    }

    /**
     * A probe for {@code s} was published at {@code now}: the next one waits 100 ms, then 200, 400, 800 ms,
     * then a second, so that groups the processor is slow to learn do not flood it with probes.
     */
    void probed(int s, long now) {
        int previous = probesSent.getAndIncrement(s);
        long gap = Math.min(MAX_PROBE_GAP_NANOS, FIRST_PROBE_GAP.toNanos() << Math.min(previous, 10));
        nextProbeAt.set(s, now + gap);
        probes++;
    }

    long probes() {
        return probes;
    }

    int confirmed() {
        return confirmed.get();
    }

    boolean allConfirmed() {
        return confirmed.get() >= size;
    }

    /** Announced subscriptions per second since the first was sent; NaN if none was announced. */
    double acceptedPerSecond() {
        int count = announced.get();
        double seconds = (lastAnnouncement - firstSend) / 1e9;
        return count == 0 || seconds <= 0 ? Double.NaN : count / seconds;
    }

    Latencies announce() {
        return announce;
    }

    Latencies firstBroadcast() {
        return firstBroadcast;
    }

    /** Subscribe sent to {@code subscribed} received (protocol v2). */
    Latencies live() {
        return live;
    }
}
