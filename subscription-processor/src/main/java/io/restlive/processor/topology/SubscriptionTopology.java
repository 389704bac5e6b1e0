package io.restlive.processor.topology;

import io.restlive.processor.commands.CommandDecodingProcessor;
import io.restlive.processor.decode.DecodingProcessor;
import io.restlive.processor.entities.StoredEntitySerde;
import io.restlive.processor.groups.GroupFactory;
import io.restlive.processor.liveness.EdgeLeaseSerde;
import io.restlive.processor.liveness.EdgeLivenessProcessor;
import io.restlive.processor.membership.MembershipProcessor;
import io.restlive.processor.routing.SlotPartitioner;
import io.restlive.processor.routing.SlotRecordSerializer;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology. A task of partition {@code p} reads partition {@code p} of the changes, the
 * rerouted changes and the subscriptions topics, so each entity's changes and the groups that can concern it
 * meet in one task, in one order:
 *
 * <pre>
 * changes ──────────┐                 ┌─► membership [entities, subscription-pairs, task-position] ─┬─► broadcasts (to each slot)
 * changes-rerouted ─┴─► decode-changes ┼─► changes-rerouted (found on another partition than their entity's)
 *                                      └─► dead-letters ◄─ (frames too large) ─────────────────────────┤
 * subscriptions ─► decode-commands ─► membership                                                      └─► subscriptions (forgotten pairs)
 * edge-heartbeats ─► edge-liveness [edge-leases] ─┬─► subscriptions (expired sessions, to every partition)
 *                                                 └─► edge-heartbeats (tombstones of forgotten sessions)
 * </pre>
 *
 * <p>Every node and store is named: a rename changes the changelog topic and orphans the state, so the
 * description is pinned by a test.
 */
public final class SubscriptionTopology {

    /** The entity store: last state of every entity, keyed {@code <model>|<pk json>}. */
    public static final String ENTITIES_STORE = "entities";
    /** The task's (group, edge) pairs and edge sessions, mirroring its partition of the subscriptions topic. */
    public static final String PAIRS_STORE = "subscription-pairs";
    /** The task's reserved sequence numbers and state epoch. */
    public static final String POSITION_STORE = "task-position";
    /** The leases of edge sessions whose heartbeats this task receives, keyed by session. */
    public static final String EDGE_LEASES_STORE = "edge-leases";

    static final String CHANGES_SOURCE = "changes-source";
    static final String REROUTED_SOURCE = "rerouted-changes-source";
    static final String DECODE = "decode-changes";
    static final String REROUTE_SINK = "rerouted-changes-sink";
    static final String SUBSCRIPTIONS_SOURCE = "subscriptions-source";
    static final String DECODE_COMMANDS = "decode-commands";
    static final String MEMBERSHIP = "membership";
    static final String BROADCASTS_SINK = "broadcasts-sink";
    static final String FORGOTTEN_PAIRS_SINK = "forgotten-pairs-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String HEARTBEATS_SOURCE = "edge-heartbeats-source";
    static final String EDGE_LIVENESS = "edge-liveness";
    static final String SESSION_COMMANDS_SINK = "session-commands-sink";
    static final String ENDED_SESSIONS_SINK = "ended-sessions-sink";

    private SubscriptionTopology() {
    }

    /** Builds the topology; it has no side effects and depends on nothing but {@code settings}. */
    public static Topology build(TopologySettings settings) {
        ProcessorTopics topics = ProcessorTopics.of(settings.topics());
        Topology topology = new Topology();
        addChanges(topology, topics, settings);
        addMembership(topology, topics, settings);
        addEdgeLiveness(topology, topics, settings);
        return topology;
    }

    private static void addChanges(Topology topology, ProcessorTopics topics, TopologySettings settings) {
        topology.addSource(CHANGES_SOURCE, topics.changes().keySerde().deserializer(),
                topics.changes().valueSerde().deserializer(), topics.changes().name());
        topology.addSource(REROUTED_SOURCE, topics.reroutedChanges().keySerde().deserializer(),
                topics.reroutedChanges().valueSerde().deserializer(), topics.reroutedChanges().name());
        Set<String> models = settings.keepUnknownModels() ? null : settings.views().models();
        topology.addProcessor(DECODE, () -> new DecodingProcessor(settings.decoders(), settings.metrics(), models,
                settings.dataPartitions(), topics.changes().name(), settings.progress(),
                new DecodingProcessor.Children(MEMBERSHIP, REROUTE_SINK, DEAD_LETTERS_SINK)),
                CHANGES_SOURCE, REROUTED_SOURCE);
        // Keyed by entity key, with the default partitioner: the record lands on its entity's partition.
        topology.addSink(REROUTE_SINK, topics.reroutedChanges().name(), topics.reroutedChanges().keySerde().serializer(),
                topics.reroutedChanges().valueSerde().serializer(), DECODE);
    }

    private static void addMembership(Topology topology, ProcessorTopics topics, TopologySettings settings) {
        topology.addSource(SUBSCRIPTIONS_SOURCE, topics.subscriptions().keySerde().deserializer(),
                topics.subscriptions().valueSerde().deserializer(), topics.subscriptions().name());
        topology.addProcessor(DECODE_COMMANDS, () -> new CommandDecodingProcessor(settings.progress()),
                SUBSCRIPTIONS_SOURCE);
        GroupFactory factory = new GroupFactory(settings.views());
        MembershipProcessor.Wiring wiring = new MembershipProcessor.Wiring(ENTITIES_STORE, PAIRS_STORE,
                POSITION_STORE, BROADCASTS_SINK, FORGOTTEN_PAIRS_SINK, DEAD_LETTERS_SINK, settings.groups(), factory,
                settings.membership(), settings.metrics());
        topology.addProcessor(MEMBERSHIP, () -> new MembershipProcessor(wiring), DECODE, DECODE_COMMANDS);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTITIES_STORE),
                Serdes.String(), new StoredEntitySerde()), MEMBERSHIP);
        // On disk: a list group's pair is in every task, so a million groups are six million pairs with six
        // partitions; on the heap they took about 300 bytes each and a 2 GB processor ran out of memory.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAIRS_STORE),
                Serdes.String(), Serdes.ByteArray()), MEMBERSHIP);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(POSITION_STORE),
                Serdes.String(), Serdes.ByteArray()), MEMBERSHIP);
        topology.addSink(BROADCASTS_SINK, topics.broadcasts(), new StringSerializer(), new SlotRecordSerializer(),
                new SlotPartitioner(), MEMBERSHIP);
        topology.addSink(FORGOTTEN_PAIRS_SINK, topics.subscriptions().name(), new StringSerializer(),
                SubscriptionsRouting.pairTombstones(), SubscriptionsRouting.ownPartition(), MEMBERSHIP);
        topology.addSink(DEAD_LETTERS_SINK, topics.deadLetters().name(), topics.deadLetters().keySerde().serializer(),
                topics.deadLetters().valueSerde().serializer(), DECODE, MEMBERSHIP);
    }

    private static void addEdgeLiveness(Topology topology, ProcessorTopics topics, TopologySettings settings) {
        topology.addSource(HEARTBEATS_SOURCE, topics.edgeHeartbeats().keySerde().deserializer(),
                topics.edgeHeartbeats().valueSerde().deserializer(), topics.edgeHeartbeats().name());
        topology.addProcessor(EDGE_LIVENESS, () -> new EdgeLivenessProcessor(EDGE_LEASES_STORE,
                SESSION_COMMANDS_SINK, ENDED_SESSIONS_SINK, settings.edgeTtl(), settings.metrics()), HEARTBEATS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EDGE_LEASES_STORE),
                Serdes.String(), new EdgeLeaseSerde()), EDGE_LIVENESS);
        topology.addSink(SESSION_COMMANDS_SINK, topics.subscriptions().name(), new StringSerializer(),
                SubscriptionsRouting.everyPartitionValues(), SubscriptionsRouting.everyPartition(), EDGE_LIVENESS);
        topology.addSink(ENDED_SESSIONS_SINK, topics.edgeHeartbeats().name(),
                topics.edgeHeartbeats().keySerde().serializer(), topics.edgeHeartbeats().valueSerde().serializer(),
                EDGE_LIVENESS);
    }
}
