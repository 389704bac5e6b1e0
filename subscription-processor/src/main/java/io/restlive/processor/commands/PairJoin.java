package io.restlive.processor.commands;

import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.TaskPosition;
import java.util.List;

/**
 * An edge session joined a group (its first local subscriber, or a subscriber asking for a replay).
 *
 * @param key the pair's key
 * @param groupKey the group
 * @param session the edge session
 * @param spec the group's definition
 * @param slot the broadcasts partition the session reads; null from edges older than routed broadcasts
 * @param cut the positions after which the group's frames are replayed to the target; null for none
 * @param target where replayed frames and the notice go: a subscriber key, or the session itself
 * @param snapshot true to send the view's current members first (protocol v2)
 * @param bytes the command as it is on the topic, for the task's pair store
 */
public record PairJoin(String key, String groupKey, String session, GroupSpec spec, Integer slot,
                       List<TaskPosition> cut, String target, boolean snapshot, byte[] bytes) implements TaskCommand {
}
