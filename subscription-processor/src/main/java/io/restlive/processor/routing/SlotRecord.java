package io.restlive.processor.routing;

import io.restlive.schemas.EdgeBroadcast;

/**
 * A record for one slot (partition) of the broadcasts topic; {@link SlotPartitioner} sends it there.
 *
 * @param slot the partition
 * @param key the record key: the entity key for frames, null for markers and notices
 * @param body what the edges of the slot read
 */
public record SlotRecord(int slot, String key, EdgeBroadcast body) {
}
