package io.restlive.bench.scenarios;

import io.restlive.bench.kafka.BenchKafka;
import io.restlive.bench.kafka.TopicTail;
import io.restlive.bench.load.BenchChange;
import io.restlive.bench.load.Waits;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import tools.jackson.databind.ObjectMapper;

/**
 * Kafka Streams' own floor for the processor's work: the same changes through a topology that only decodes
 * them (the Avro envelope, then the instance's JSON) and stores them (a RocksDB store with its changelog, as the
 * processor's entity store), forwarding one small record per change so that the harness sees when the last
 * one is done, as it sees the processor's last broadcast. One stream thread, in the harness's JVM, on the same
 * broker. What the processor adds on top (stale checks, the group index, CEL, rendering, the broadcast) is
 * what matching costs beyond the floor.
 */
final class StreamsFloor implements AutoCloseable {

    private static final String STORE = "floor-entities";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchKafka kafka;
    private final String input;
    private final String output;
    private final KafkaStreams streams;
    private final Path stateDir;

    private StreamsFloor(BenchKafka kafka, String input, String output, KafkaStreams streams, Path stateDir) {
        this.kafka = kafka;
        this.input = input;
        this.output = output;
        this.streams = streams;
        this.stateDir = stateDir;
    }

    /** Creates the floor's topics ({@code <prefix>in} and {@code <prefix>out}) and starts its Kafka Streams. */
    static StreamsFloor start(BenchKafka kafka, String prefix, int partitions, Duration timeout) {
        String input = prefix + "in";
        String output = prefix + "out";
        kafka.createTopic(input, partitions);
        kafka.createTopic(output, partitions);
        Topology topology = new Topology();
        topology.addSource("changes", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), input);
        topology.addProcessor("decode-and-store", DecodeAndStore::new, "changes");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()), "decode-and-store");
        topology.addSink("done", output, Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                "decode-and-store");
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("rest-live-bench-floor");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // The processor's own settings where they touch the path measured: a 1 s commit, a 1 ms linger.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
        props.put(StreamsConfig.producerPrefix("linger.ms"), 1);
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        if (!Waits.until(() -> streams.state() == KafkaStreams.State.RUNNING, timeout)) {
            streams.close(Duration.ofSeconds(10));
            throw new IllegalStateException("the streams floor did not reach RUNNING within " + timeout.toSeconds() + " s");
        }
        return new StreamsFloor(kafka, input, output, streams, stateDir);
    }

    /**
     * Publishes {@code batch} at once to the floor's input (the envelopes producer-lib writes) and waits until
     * every change is decoded and stored.
     *
     * @return changes per second, from the start of publishing to the harness reading the last one done
     */
    double run(List<BenchChange> batch, Duration timeout) {
        AtomicLong done = new AtomicLong();
        AtomicLong last = new AtomicLong();
        try (TopicTail tail = TopicTail.start(kafka, output, (record, at) -> {
            done.incrementAndGet();
            last.set(at);
        });
             KafkaProducer<String, byte[]> producer = kafka.producer()) {
            // Metadata first, as the rest-live side publishes through a producer that already has it.
            producer.partitionsFor(input);
            List<ProducerRecord<String, byte[]>> records = batch.stream()
                    .map(change -> new ProducerRecord<>(input, change.entityKey(), change.envelopeBytes())).toList();
            long start = System.nanoTime();
            records.forEach(producer::send);
            producer.flush();
            if (!Waits.until(() -> done.get() >= batch.size(), timeout)) {
                throw new IllegalStateException("the streams floor did " + done.get() + " of " + batch.size()
                        + " changes within " + timeout.toSeconds() + " s");
            }
            tail.requireHealthy();
            return batch.size() / ((last.get() - start) / 1e9);
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streams.cleanUp();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    /** Decodes the envelope and the instance, stores the instance under the entity key, says it is done. */
    private static final class DecodeAndStore implements Processor<String, byte[], String, byte[]> {

        private static final byte[] DONE = {1};

        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            ChangeEnvelope envelope;
            try {
                envelope = AvroCodecs.decodeChange(record.value());
            } catch (IOException e) {
                throw new UncheckedIOException("the floor's input holds an undecodable envelope", e);
            }
            String instance = envelope.getInstance().toString();
            JSON.readTree(instance);
            store.put(record.key(), instance.getBytes(StandardCharsets.UTF_8));
            context.forward(new Record<>(record.key(), DONE, record.timestamp()));
        }
    }
}
