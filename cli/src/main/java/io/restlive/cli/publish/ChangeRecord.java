package io.restlive.cli.publish;

/**
 * A validated change, ready to send.
 *
 * @param key the record key, {@code <model>|<pk as JSON>}
 * @param envelopeJson the JSON envelope with {@code op} and {@code ts} filled in
 */
public record ChangeRecord(String key, String envelopeJson) {
}
