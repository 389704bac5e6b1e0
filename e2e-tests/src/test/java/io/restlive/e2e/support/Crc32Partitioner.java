package io.restlive.e2e.support;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * librdkafka's default partitioner ({@code consistent_random}): CRC32 of the key bytes modulo the partition
 * count, a random partition for a null key. What a Python (confluent-kafka), Go, .NET or Rust backend uses
 * unless told otherwise; here so that a test can publish as they do without installing their clients.
 */
public final class Crc32Partitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        if (keyBytes == null) {
            return ThreadLocalRandom.current().nextInt(partitions);
        }
        CRC32 crc = new CRC32();
        crc.update(keyBytes);
        return (int) (crc.getValue() % partitions);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // Nothing to configure.
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
