package io.restlive.edge.protocol;

import java.nio.charset.StandardCharsets;

/**
 * One frame for one client: its own text, or the bytes of a group's frame that every subscriber of the group
 * shares behind a prefix of its own ({@code {"type":"broadcast","id":<id>}). A shared frame is encoded once
 * per group and change and written without copying it per subscriber.
 */
public final class Outbound {

    private final String text;
    private final byte[] prefix;
    private final byte[] shared;

    private Outbound(String text, byte[] prefix, byte[] shared) {
        this.text = text;
        this.prefix = prefix;
        this.shared = shared;
    }

    /** A frame of this client alone. */
    public static Outbound text(String text) {
        return new Outbound(text, null, null);
    }

    /** A frame whose {@code shared} bytes (UTF-8) other clients receive too, after this client's {@code prefix}. */
    public static Outbound shared(byte[] prefix, byte[] shared) {
        return new Outbound(null, prefix, shared);
    }

    public boolean isShared() {
        return text == null;
    }

    /** The client's own part of a shared frame. */
    public byte[] prefix() {
        return prefix;
    }

    /** The part of a shared frame other clients receive too. */
    public byte[] shared() {
        return shared;
    }

    /** Its size as the send buffer counts it: characters of a text frame, bytes of a shared one. */
    public int length() {
        return text != null ? text.length() : prefix.length + shared.length;
    }

    /** The frame as text (decoding a shared frame: for tests and logs, not the hot path). */
    public String text() {
        if (text != null) {
            return text;
        }
        return new String(prefix, StandardCharsets.UTF_8) + new String(shared, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text();
    }
}
