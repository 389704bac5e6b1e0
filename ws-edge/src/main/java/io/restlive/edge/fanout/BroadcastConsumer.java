package io.restlive.edge.fanout;

import io.restlive.schemas.AvroCodecs;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the broadcasts topic from its end (no consumer group: every edge needs
 * every broadcast, and a restarted edge has no subscribers to catch up for) and hands each change to
 * {@link BroadcastDelivery}.
 */
public final class BroadcastConsumer implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BroadcastConsumer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final BroadcastDelivery delivery;
    private final Thread thread;
    private volatile boolean ready;
    private volatile boolean running = true;

    public BroadcastConsumer(Consumer<byte[], byte[]> consumer, String topic, BroadcastDelivery delivery) {
        this.consumer = consumer;
        this.topic = topic;
        this.delivery = delivery;
        this.thread = new Thread(this, "broadcast-consumer");
    }

    /** Starts consuming on its own thread. */
    public void start() {
        thread.start();
    }

    /** True once every partition is assigned and positioned at its end. */
    public boolean isReady() {
        return ready;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ready = true;
            log.info("Reading broadcasts from {} partitions of {}", partitions.size(), topic);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    deliver(record);
                }
            }
        } catch (WakeupException e) {
            // close() was called
        } catch (RuntimeException e) {
            log.error("Broadcast consumer stopped", e);
        } finally {
            ready = false;
            consumer.close();
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record) {
        try {
            delivery.deliver(AvroCodecs.decodeBroadcast(record.value()));
        } catch (IOException | RuntimeException e) {
            log.warn("Skipping unreadable broadcast at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }

}
