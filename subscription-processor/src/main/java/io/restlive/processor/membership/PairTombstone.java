package io.restlive.processor.membership;

/**
 * A tombstone for a pair key, to the task's own partition of the subscriptions topic (a list pair's key is on
 * every partition): it serializes to null, and {@code partition} says where it goes.
 *
 * @param partition the task's partition
 */
public record PairTombstone(int partition) {
}
