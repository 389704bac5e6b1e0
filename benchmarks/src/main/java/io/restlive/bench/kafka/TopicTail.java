package io.restlive.bench.kafka;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads every record written to a topic after {@link #start} returned, on a thread of its own, and hands
 * each to a handler with its arrival time.
 */
public final class TopicTail implements AutoCloseable {

    /** Receives the records; runs on the tail's thread. */
    @FunctionalInterface
    public interface Handler {
        void onRecord(ConsumerRecord<String, byte[]> record, long arrivalNanos);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private TopicTail(KafkaConsumer<String, byte[]> consumer, String topic, Handler handler) {
        this.consumer = consumer;
        this.thread = new Thread(() -> poll(handler), "tail-" + topic);
        this.thread.setDaemon(true);
    }

    /** Positions a consumer at the end of every partition of {@code topic}, then starts reading. */
    public static TopicTail start(BenchKafka kafka, String topic, Handler handler) {
        KafkaConsumer<String, byte[]> consumer = kafka.consumer();
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, so that records written after start() are all read.
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(60)));
        TopicTail tail = new TopicTail(consumer, topic, handler);
        tail.thread.start();
        return tail;
    }

    private void poll(Handler handler) {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    handler.onRecord(record, System.nanoTime());
                }
            }
        } catch (WakeupException e) {
            // close() asked the poll to end.
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Throws what stopped the reading thread, if anything did. */
    public void requireHealthy() {
        if (failure != null) {
            throw new IllegalStateException("reading the topic failed: " + failure, failure);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
