package io.restlive.edge.fanout;

import io.restlive.edge.metrics.EdgeMetrics;
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
 * Reads this edge's slot (one partition) of the broadcasts topic from its end and hands each record to
 * {@link BroadcastDelivery}. No consumer group: the slot is the edge's by choice, not by assignment, and a
 * restarted edge has no subscribers to catch up for.
 */
public final class BroadcastConsumer implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BroadcastConsumer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final int slot;
    private final BroadcastDelivery delivery;
    private final EdgeMetrics metrics;
    private final Thread thread;
    private volatile boolean ready;
    private volatile boolean running = true;

    public BroadcastConsumer(Consumer<byte[], byte[]> consumer, String topic, int slot, BroadcastDelivery delivery) {
        this(consumer, topic, slot, delivery, EdgeMetrics.inMemory());
    }

    /** @param metrics gets the slot's lag after each poll */
    public BroadcastConsumer(Consumer<byte[], byte[]> consumer, String topic, int slot, BroadcastDelivery delivery,
                             EdgeMetrics metrics) {
        this.metrics = metrics;
        this.consumer = consumer;
        this.topic = topic;
        this.slot = slot;
        this.delivery = delivery;
        this.thread = new Thread(this, "broadcast-consumer");
    }

    /** Starts consuming on its own thread. */
    public void start() {
        thread.start();
    }

    /** True once the slot is assigned and positioned at its end. */
    public boolean isReady() {
        return ready;
    }

    /** Waits until the slot is assigned and positioned, up to {@code timeout}; true if it is. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return ready;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, slot));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ready = true;
            log.info("Reading broadcasts from slot {} of {}", slot, topic);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    deliver(record);
                }
                // How far behind the slot's end this edge reads: known from the last fetch, no extra request.
                consumer.currentLag(partitions.get(0)).ifPresent(metrics::broadcastLag);
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
