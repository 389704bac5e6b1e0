package io.restlive.bench.ws;

/** Receives every text frame of the load generator's connections, on the client's event-loop threads. */
@FunctionalInterface
public interface FrameHandler {

    /** Ignores frames; a connection still counts them. */
    FrameHandler NONE = (connection, text, arrivalNanos) -> { };

    /**
     * One text frame arrived; must return quickly, it runs on an event loop.
     *
     * @param connection the connection it arrived on
     * @param text the frame's text
     * @param arrivalNanos {@link System#nanoTime()} when it was read
     */
    void onText(WsConnection connection, String text, long arrivalNanos);
}
