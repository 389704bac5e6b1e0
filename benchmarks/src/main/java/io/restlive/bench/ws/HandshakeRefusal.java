package io.restlive.bench.ws;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads why a WebSocket handshake failed: the server's HTTP status when it answered one. */
public final class HandshakeRefusal {

    /** What {@link #statusOf} returns when the server answered no status (a reset, a timeout). */
    public static final int NO_STATUS = 0;

    // Netty's message when the response is not 101: "Invalid handshake response getStatus: 429 Too Many Requests".
    private static final Pattern STATUS_IN_MESSAGE = Pattern.compile("getStatus: (\\d{3})");

    private HandshakeRefusal() {
    }

    /** The HTTP status the server refused the handshake with, or {@link #NO_STATUS}. */
    public static int statusOf(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
            return handshake.response().status().code();
        }
        String message = cause.getMessage();
        if (message != null) {
            Matcher matcher = STATUS_IN_MESSAGE.matcher(message);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return NO_STATUS;
    }
}
