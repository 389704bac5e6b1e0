package io.restlive.processor.liveness;

/**
 * A value for every partition of the subscriptions topic: a session command every membership task must
 * apply. A null {@code bytes} is a tombstone.
 *
 * @param bytes the encoded command, or null
 */
public record EveryPartition(byte[] bytes) {
}
