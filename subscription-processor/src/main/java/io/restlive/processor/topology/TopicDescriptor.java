package io.restlive.processor.topology;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its keys and values, declared once and used for every source and sink.
 *
 * @param name the topic name
 * @param keySerde its keys' serde
 * @param valueSerde its values' serde
 */
public record TopicDescriptor<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
