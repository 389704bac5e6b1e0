package io.restlive.bench.abuse;

import io.restlive.bench.load.Waits;
import io.restlive.bench.ws.ErrorFrames;
import io.restlive.bench.ws.FrameHandler;
import io.restlive.bench.ws.WsConnection;
import io.restlive.bench.ws.WsLoadClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The abusing client: its connections all come from one loopback address of their own, apart from the
 * victims' (127.0.0.1 to 127.0.0.254), so the edge's per-address cap sees one anonymous user.
 *
 * @param ws the load generator's client
 * @param edge the edge's subscribe endpoint
 * @param timeout the bound on every wait
 */
public record Abuser(WsLoadClient ws, URI edge, Duration timeout) {

    /** The address every abusing connection comes from. */
    public static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.2.1", 0);

    /** The model every abuse subscribes to: the victims', so that the groups it makes sit beside theirs. */
    static final String MODEL = io.restlive.bench.stack.BenchViews.ABUSE;

    /**
     * The id of the unsubscribe sent last on a connection: nothing holds it, so the edge answers 404, and since
     * one connection's frames are handled in order, that answer comes after every earlier one.
     */
    static final long SENTINEL_ID = 999_999_999L;

    private static final String SENTINEL_MARK = "\"id\":" + SENTINEL_ID + ",";

    /** Opens one connection that counts the error frames it receives into {@code tally}, the sentinel's apart. */
    WsConnection connect(AbuserTally tally, AtomicInteger sentinels) {
        try {
            return attempt(tally, sentinels).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the abuser could not connect to " + edge + ": " + e, e);
        }
    }

    /** Tries to open one such connection: completes exceptionally if the handshake is refused. */
    CompletableFuture<WsConnection> attempt(AbuserTally tally, AtomicInteger sentinels) {
        FrameHandler handler = (connection, text, arrival) -> {
            int code = ErrorFrames.codeOf(text);
            if (code == ErrorFrames.NOT_AN_ERROR) {
                return;
            }
            if (text.contains(SENTINEL_MARK)) {
                sentinels.incrementAndGet();
            } else {
                tally.errorFrame(code);
            }
        };
        return ws.attempt(edge, ADDRESS, 0, handler);
    }

    /**
     * Sends the sentinel on each connection, waits for their answers (or for the edge to close the connections
     * that will not answer: the error budget can close one after its sentinel was sent), and closes them.
     */
    void drainAndClose(List<WsConnection> connections, AtomicInteger sentinels) {
        int before = sentinels.get();
        connections.forEach(c -> c.send("{\"type\":\"unsubscribe\",\"id\":" + SENTINEL_ID + "}"));
        Waits.until(() -> sentinels.get() - before >= connections.stream().filter(c -> !c.closed().isDone()).count(),
                timeout);
        WsLoadClient.close(connections, timeout);
    }

    /** A list subscribe of {@link #MODEL} to group value {@code group}. */
    static String subscribe(long id, long group) {
        return "{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"" + MODEL
                + "\",\"action\":\"list\",\"view_kwargs\":{\"group\":" + group + "}}";
    }
}
