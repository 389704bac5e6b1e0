package io.restlive.bench.kafka;

import io.restlive.bench.load.BenchChange;
import io.restlive.bench.load.FixedRate;
import io.restlive.bench.load.Latencies;
import io.restlive.bench.load.SentNanos;
import io.restlive.bench.load.Waits;
import io.restlive.bench.stack.ProcessStats;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Raw Kafka on the same broker, for comparison: the same number of records of the same size (the Avro
 * envelope rest-live's producer writes) produced by a plain producer and read back by a plain consumer,
 * with latency from the intended produce time to the record's arrival.
 */
public final class KafkaBaseline {

    /** Makes the record number {@code index}, sent (intended) at {@code sentNanos}. */
    @FunctionalInterface
    public interface Records {
        BenchChange change(int index, long sentNanos);
    }

    private final BenchKafka kafka;
    private final String topicPrefix;
    private final OptionalLong brokerPid;

    /**
     * @param topicPrefix the run's topic prefix; baseline topics are {@code <prefix>baseline-<name>}
     * @param brokerPid the broker process, for CPU figures; empty for a broker the harness did not start
     */
    public KafkaBaseline(BenchKafka kafka, String topicPrefix, OptionalLong brokerPid) {
        this.kafka = kafka;
        this.topicPrefix = topicPrefix;
        this.brokerPid = brokerPid;
    }

    /** {@code count} records at {@code perSecond}. */
    public BaselineResult fixedRate(String name, int count, double perSecond, Records records, Duration timeout) {
        return run(name, count, timeout, (producer, topic, run) ->
                FixedRate.run(count, perSecond, System.nanoTime(), (i, intended) -> run.send(producer, topic,
                        records.change(i, intended))));
    }

    /** {@code count} records as fast as the producer takes them. */
    public BaselineResult burst(String name, int count, Records records, Duration timeout) {
        return run(name, count, timeout, (producer, topic, run) -> {
            for (int i = 0; i < count; i++) {
                run.send(producer, topic, records.change(i, System.nanoTime()));
            }
        });
    }

    /** {@code count} records one at a time, each sent when the one before has arrived. */
    public BaselineResult sequential(String name, int count, Records records, Duration timeout) {
        return run(name, count, timeout, (producer, topic, run) -> {
            for (int i = 0; i < count; i++) {
                // No flush: the rest-live side publishes without one, so both pay the same producer linger.
                run.send(producer, topic, records.change(i, System.nanoTime()));
                long expected = i + 1L;
                if (!Waits.until(() -> run.received.get() >= expected, timeout)) {
                    return;
                }
            }
        });
    }

    private interface Sending {
        void sendAll(KafkaProducer<String, byte[]> producer, String topic, Run run);
    }

    /** The counters of one baseline run, updated by the consumer thread. */
    private static final class Run {
        final Latencies latencies = new Latencies();
        final AtomicLong received = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        volatile long firstSendNanos;
        volatile long lastArrivalNanos;

        void send(KafkaProducer<String, byte[]> producer, String topic, BenchChange change) {
            if (sent.getAndIncrement() == 0) {
                firstSendNanos = change.sentNanos();
            }
            producer.send(new ProducerRecord<>(topic, change.entityKey(), change.envelopeBytes()));
        }

        void arrived(byte[] value, long arrivalNanos) {
            long sentNanos = SentNanos.in(value);
            if (sentNanos != SentNanos.NONE) {
                latencies.record(sentNanos, arrivalNanos);
            }
            lastArrivalNanos = arrivalNanos;
            received.incrementAndGet();
        }
    }

    private BaselineResult run(String name, int count, Duration timeout, Sending sending) {
        String topic = topicPrefix + "baseline-" + name;
        kafka.createTopic(topic, BenchKafka.PARTITIONS);
        Run run = new Run();
        LongUnaryOperator cpuSince = cpuClock();
        long cpuStart = cpuSince.applyAsLong(0);
        try (TopicTail tail = TopicTail.start(kafka, topic, (record, arrival) -> run.arrived(record.value(), arrival));
             KafkaProducer<String, byte[]> producer = kafka.producer()) {
            // Metadata first: the first send would otherwise wait for it inside the measured time.
            producer.partitionsFor(topic);
            sending.sendAll(producer, topic, run);
            producer.flush();
            Waits.until(() -> run.received.get() >= run.sent.get(), timeout);
            tail.requireHealthy();
        }
        double cpuMicros = cpuSince.applyAsLong(cpuStart) / 1_000.0;
        long received = run.received.get();
        double seconds = (run.lastArrivalNanos - run.firstSendNanos) / 1e9;
        return new BaselineResult(run.sent.get(), received, received > 0 && seconds > 0 ? received / seconds : 0,
                run.latencies.percentiles(),
                received > 0 && brokerPid.isPresent() ? cpuMicros / received : Double.NaN);
    }

    /** CPU nanoseconds of the broker since a start value; always 0 when the broker is not ours. */
    private LongUnaryOperator cpuClock() {
        if (brokerPid.isEmpty()) {
            return since -> 0;
        }
        long pid = brokerPid.getAsLong();
        return since -> ProcessStats.cpuNanos(pid) - since;
    }
}
