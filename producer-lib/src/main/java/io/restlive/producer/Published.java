package io.restlive.producer;

/**
 * Where the broker stored a change.
 *
 * @param topic the changes topic
 * @param partition its partition (the same for every change of one entity)
 * @param offset its offset in that partition
 */
public record Published(String topic, int partition, long offset) {
}
