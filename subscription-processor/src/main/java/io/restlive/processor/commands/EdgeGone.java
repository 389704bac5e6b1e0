package io.restlive.processor.commands;

/**
 * An edge session is gone: expired by the processor (silent past its TTL) or ended by the edge; its groups
 * are forgotten.
 *
 * @param key the session's control key
 * @param session the session
 * @param expired true when the processor expired it, false when it ended
 */
public record EdgeGone(String key, String session, boolean expired) implements TaskCommand {
}
