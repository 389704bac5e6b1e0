package io.restlive.bench.ws;

/**
 * Reads the {@code code} of the protocol's error frames ({@code {"type":"error","id":..,"code":429,...}})
 * without parsing the JSON: an abusing client receives thousands of them a second on the client's event loops.
 */
public final class ErrorFrames {

    /** What {@link #codeOf} returns for a frame that is not an error frame. */
    public static final int NOT_AN_ERROR = -1;

    private static final String TYPE = "\"type\":\"error\"";
    private static final String CODE = "\"code\":";

    private ErrorFrames() {
    }

    /** The error frame's code, or {@link #NOT_AN_ERROR}. */
    public static int codeOf(String frame) {
        if (!frame.contains(TYPE)) {
            return NOT_AN_ERROR;
        }
        int at = frame.indexOf(CODE);
        if (at < 0) {
            return NOT_AN_ERROR;
        }
        int k = at + CODE.length();
        int code = 0;
        int start = k;
        while (k < frame.length() && Character.isDigit(frame.charAt(k))) {
            code = code * 10 + (frame.charAt(k++) - '0');
        }
        return k == start ? NOT_AN_ERROR : code;
    }
}
