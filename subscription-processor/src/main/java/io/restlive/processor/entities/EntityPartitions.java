package io.restlive.processor.entities;

import java.util.OptionalInt;

/**
 * Which partition of the changes topic, and so which task's entity store, holds an entity. A task that
 * holds the partition and finds no entry knows the entity is gone; a task that does not hold it knows
 * nothing.
 */
@FunctionalInterface
public interface EntityPartitions {

    /** Nothing is known (before start, during a rebalance): no task may conclude an entity is gone. */
    EntityPartitions UNKNOWN = entityKey -> OptionalInt.empty();

    /** The partition of {@code entityKey}, or empty if it cannot be told now. */
    OptionalInt partitionOf(String entityKey);
}
