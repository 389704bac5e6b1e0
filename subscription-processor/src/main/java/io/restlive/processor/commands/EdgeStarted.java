package io.restlive.processor.commands;

/**
 * An edge session started and reads the broadcasts partition {@code slot}.
 *
 * @param key the session's control key
 * @param session the session
 * @param slot its broadcasts partition
 * @param bytes the command as it is on the topic, for the task's pair store
 */
public record EdgeStarted(String key, String session, int slot, byte[] bytes) implements TaskCommand {
}
