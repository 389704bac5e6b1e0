package io.restlive.processor.entities;

import io.restlive.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * A short fingerprint of an entity's stored fields. A lookup hands it to the edge, the edge hands it back
 * with a retrieve subscriber's join, and the processor compares it with the state it holds then: equal
 * means the subscriber has seen the current state. Computed here and only here, so the edge never has to
 * reproduce the processor's JSON.
 */
public final class StateDigest {

    private static final int BYTES = 16;

    private StateDigest() {
    }

    /** The digest of an instance's fields: 128 bits of SHA-256 over its canonical JSON, base64url. */
    public static String of(ObjectNode instance) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(Json.canonical(instance).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
