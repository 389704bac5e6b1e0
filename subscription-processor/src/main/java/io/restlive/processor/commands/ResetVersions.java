package io.restlive.processor.commands;

/**
 * Forget the stored versions of {@code model} (of every model when null), so that changes whose versions
 * went back (a database restored from a backup) are applied again.
 *
 * @param key the reset's control key
 * @param model the model, or null for every model
 */
public record ResetVersions(String key, String model) implements TaskCommand {
}
