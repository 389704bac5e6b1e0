package io.restlive.processor.commands;

/**
 * An edge session's last subscriber of a group left (a tombstone, or a command without a spec).
 *
 * @param key the pair's key
 * @param groupKey the group
 * @param session the edge session
 */
public record PairLeave(String key, String groupKey, String session) implements TaskCommand {
}
