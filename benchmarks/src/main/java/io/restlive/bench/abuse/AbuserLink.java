package io.restlive.bench.abuse;

import io.restlive.bench.ws.HandshakeRefusal;
import io.restlive.bench.ws.WsConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A determined abuser's connection: when the edge closes it (its error budget, say), the abuser opens another
 * from the same address and goes on, as a script that loops would. Reconnects are tried at most every
 * {@link #RETRY}; a refused handshake is counted, and what could not be sent meanwhile is counted as dropped,
 * not sent. Used from one thread (the abuse's fixed-rate loop).
 */
final class AbuserLink {

    static final Duration RETRY = Duration.ofMillis(100);

    private final Abuser abuser;
    private final AbuserTally tally;
    private final AtomicInteger sentinels;
    private final List<WsConnection> opened = new ArrayList<>();
    private WsConnection current;
    private boolean closeCounted;
    private long nextAttemptNanos;

    AbuserLink(Abuser abuser, AbuserTally tally, AtomicInteger sentinels) {
        this.abuser = abuser;
        this.tally = tally;
        this.sentinels = sentinels;
        this.current = abuser.connect(tally, sentinels);
        opened.add(current);
    }

    /** Sends on the open connection, reconnecting first if the edge closed it; false if none could be opened. */
    boolean send(String text) {
        if (current.closed().isDone()) {
            if (!closeCounted) {
                tally.closedByServer();
                closeCounted = true;
            }
            if (!reconnect()) {
                tally.dropped();
                return false;
            }
        }
        current.send(text);
        return true;
    }

    /** Sends the sentinel on the connection still open, waits for its answer, and closes every connection. */
    void drainAndClose() {
        List<WsConnection> open = current.closed().isDone() ? List.of() : List.of(current);
        abuser.drainAndClose(open, sentinels);
        io.restlive.bench.ws.WsLoadClient.close(opened, abuser.timeout());
    }

    private boolean reconnect() {
        long now = System.nanoTime();
        if (now < nextAttemptNanos) {
            return false;
        }
        nextAttemptNanos = now + RETRY.toNanos();
        try {
            current = abuser.attempt(tally, sentinels).get(abuser.timeout().toMillis(), TimeUnit.MILLISECONDS);
            opened.add(current);
            closeCounted = false;
            tally.reconnected();
            return true;
        } catch (Exception e) {
            tally.handshakeRefused(HandshakeRefusal.statusOf(e.getCause() == null ? e : e.getCause()));
            return false;
        }
    }
}
