package io.restlive.processor.topology;

import io.restlive.processor.decode.DecodingProcessor;
import io.restlive.processor.entities.StoredEntitySerde;
import io.restlive.processor.groups.GroupFactory;
import io.restlive.processor.groups.GroupStoreProcessor;
import io.restlive.processor.liveness.EdgeLeaseSerde;
import io.restlive.processor.liveness.EdgeLivenessProcessor;
import io.restlive.processor.membership.MembershipProcessor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology: changes are decoded (rejects go to the dead-letter topic), applied to the
 * entity store and evaluated against every live group of the global group store.
 *
 * <pre>
 * changes ─► decode-changes ─┬─► membership [entities] ─► broadcasts
 *                            └─► dead-letters
 * subscriptions ─► subscription-groups-updater [subscription-groups, global]
 * edge-heartbeats ─► edge-liveness [edge-leases] ─┬─► subscriptions (tombstones of expired edges' pairs)
 *                                                 └─► edge-heartbeats (tombstones of forgotten sessions)
 * </pre>
 *
 * <p>Every node and store is named: a rename changes the changelog topic and orphans the state, so the
 * description is pinned by a test.
 */
public final class SubscriptionTopology {

    /** The entity store: last state of every entity, keyed {@code <model>|<pk json>}. */
    public static final String ENTITIES_STORE = "entities";
    /** The global store of live (group, edge) pairs, keyed {@code <groupKey>|<edgeId>}. */
    public static final String GROUPS_STORE = "subscription-groups";
    /** The leases of edge sessions whose heartbeats this task receives, keyed by session. */
    public static final String EDGE_LEASES_STORE = "edge-leases";

    static final String CHANGES_SOURCE = "changes-source";
    static final String DECODE = "decode-changes";
    static final String MEMBERSHIP = "membership";
    static final String BROADCASTS_SINK = "broadcasts-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String SUBSCRIPTIONS_SOURCE = "subscriptions-source";
    static final String GROUPS_UPDATER = "subscription-groups-updater";
    static final String HEARTBEATS_SOURCE = "edge-heartbeats-source";
    static final String EDGE_LIVENESS = "edge-liveness";
    static final String EXPIRED_PAIRS_SINK = "expired-pairs-sink";
    static final String ENDED_SESSIONS_SINK = "ended-sessions-sink";

    private SubscriptionTopology() {
    }

    /** Builds the topology; it has no side effects and depends on nothing but {@code settings}. */
    public static Topology build(TopologySettings settings) {
        ProcessorTopics topics = ProcessorTopics.of(settings.topics());
        Topology topology = new Topology();
        topology.addSource(CHANGES_SOURCE, topics.changes().keySerde().deserializer(),
                topics.changes().valueSerde().deserializer(), topics.changes().name());
        topology.addProcessor(DECODE, () -> new DecodingProcessor(settings.decoders(), settings.metrics(),
                MEMBERSHIP, DEAD_LETTERS_SINK), CHANGES_SOURCE);
        topology.addProcessor(MEMBERSHIP, () -> new MembershipProcessor(ENTITIES_STORE, settings.groups(),
                settings.catchUps(), settings.entityPartitions(), settings.metrics()), DECODE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTITIES_STORE),
                Serdes.String(), new StoredEntitySerde()), MEMBERSHIP);
        topology.addSink(BROADCASTS_SINK, topics.broadcasts().name(), topics.broadcasts().keySerde().serializer(),
                topics.broadcasts().valueSerde().serializer(), MEMBERSHIP);
        topology.addSink(DEAD_LETTERS_SINK, topics.deadLetters().name(),
                topics.deadLetters().keySerde().serializer(), topics.deadLetters().valueSerde().serializer(), DECODE);

        GroupFactory factory = new GroupFactory(settings.views());
        // The compacted subscriptions topic is the store's changelog: no second changelog topic.
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(GROUPS_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                SUBSCRIPTIONS_SOURCE, topics.subscriptions().keySerde().deserializer(),
                topics.subscriptions().valueSerde().deserializer(), topics.subscriptions().name(), GROUPS_UPDATER,
                () -> new GroupStoreProcessor(GROUPS_STORE, factory, settings.groups(), settings.catchUps()));

        topology.addSource(HEARTBEATS_SOURCE, topics.edgeHeartbeats().keySerde().deserializer(),
                topics.edgeHeartbeats().valueSerde().deserializer(), topics.edgeHeartbeats().name());
        topology.addProcessor(EDGE_LIVENESS, () -> new EdgeLivenessProcessor(EDGE_LEASES_STORE, GROUPS_STORE,
                EXPIRED_PAIRS_SINK, ENDED_SESSIONS_SINK, settings.edgeTtl(), settings.metrics()), HEARTBEATS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EDGE_LEASES_STORE),
                Serdes.String(), new EdgeLeaseSerde()), EDGE_LIVENESS);
        topology.addSink(EXPIRED_PAIRS_SINK, topics.subscriptions().name(),
                topics.subscriptions().keySerde().serializer(), topics.subscriptions().valueSerde().serializer(),
                EDGE_LIVENESS);
        topology.addSink(ENDED_SESSIONS_SINK, topics.edgeHeartbeats().name(),
                topics.edgeHeartbeats().keySerde().serializer(), topics.edgeHeartbeats().valueSerde().serializer(),
                EDGE_LIVENESS);
        return topology;
    }
}
