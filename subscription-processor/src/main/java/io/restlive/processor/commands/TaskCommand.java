package io.restlive.processor.commands;

/**
 * A record of the subscriptions topic as a processor task applies it, decoded once by
 * {@link CommandDecodingProcessor}.
 */
public sealed interface TaskCommand permits PairJoin, PairLeave, EdgeStarted, EdgeGone, ResetVersions {

    /** The subscriptions-topic key the command came under; the task's pair store mirrors them. */
    String key();
}
