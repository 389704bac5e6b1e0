package io.restlive.processor.membership;

import io.restlive.processor.decode.ChangeEvent;
import io.restlive.processor.routing.SlotRecord;

/** What a task writes, besides its stores: the seam between the membership logic and Kafka Streams. */
interface TaskOutput {

    /** Writes a record to its slot of the broadcasts topic. */
    void broadcast(SlotRecord record);

    /** Sends the change's record to the dead-letter topic: a frame of it is larger than the frame limit. */
    void frameTooLarge(ChangeEvent change, String reason);

    /** Writes a tombstone for a pair key to this task's partition of the subscriptions topic. */
    void forgetPair(String key);

    /** The wall clock, in milliseconds. */
    long now();
}
