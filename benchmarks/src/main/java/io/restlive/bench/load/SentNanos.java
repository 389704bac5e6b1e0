package io.restlive.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Finds the {@code sentNanos} field in a frame or a record without parsing the JSON around it: the load
 * generator reads tens of thousands of frames a second on the same cores as the stack.
 */
public final class SentNanos {

    /** The instance field carrying the intended publish time, {@link System#nanoTime()} of this JVM. */
    public static final String FIELD = "sentNanos";

    /** What the finders return when there is no such field: {@code nanoTime} itself may be negative. */
    public static final long NONE = Long.MIN_VALUE;

    private static final String NEEDLE = "\"" + FIELD + "\":";
    private static final byte[] NEEDLE_BYTES = NEEDLE.getBytes(StandardCharsets.US_ASCII);

    private SentNanos() {
    }

    /** The value of {@code "sentNanos":<digits>} in {@code text}, or {@link #NONE}. */
    public static long in(CharSequence text) {
        String s = text.toString();
        int at = s.indexOf(NEEDLE);
        if (at < 0) {
            return NONE;
        }
        return digits(s, at + NEEDLE.length());
    }

    /** The value of {@code "sentNanos":<digits>} in the UTF-8 {@code bytes}, or {@link #NONE}. */
    public static long in(byte[] bytes) {
        outer:
        for (int i = 0; i <= bytes.length - NEEDLE_BYTES.length; i++) {
            for (int j = 0; j < NEEDLE_BYTES.length; j++) {
                if (bytes[i + j] != NEEDLE_BYTES[j]) {
                    continue outer;
                }
            }
            long value = 0;
            int k = i + NEEDLE_BYTES.length;
            boolean negative = k < bytes.length && bytes[k] == '-';
            if (negative) {
                k++;
            }
            int start = k;
            while (k < bytes.length && bytes[k] >= '0' && bytes[k] <= '9') {
                value = value * 10 + (bytes[k++] - '0');
            }
            return k == start ? NONE : negative ? -value : value;
        }
        return NONE;
    }

    private static long digits(String s, int from) {
        int k = from;
        boolean negative = k < s.length() && s.charAt(k) == '-';
        if (negative) {
            k++;
        }
        int start = k;
        long value = 0;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            value = value * 10 + (s.charAt(k++) - '0');
        }
        return k == start ? NONE : negative ? -value : value;
    }
}
