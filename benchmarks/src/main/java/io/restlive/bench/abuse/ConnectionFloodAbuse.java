package io.restlive.bench.abuse;

import io.restlive.bench.load.FixedRate;
import io.restlive.bench.load.Waits;
import io.restlive.bench.ws.FrameHandler;
import io.restlive.bench.ws.HandshakeRefusal;
import io.restlive.bench.ws.WsConnection;
import io.restlive.bench.ws.WsLoadClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One address opens {@value #ATTEMPTS_PER_SECOND} connections a second and keeps every one it gets until the
 * window ends (the edge caps connections per user, or per address for anonymous ones, with HTTP 429).
 */
public final class ConnectionFloodAbuse implements Abuse {

    static final int ATTEMPTS_PER_SECOND = 100;

    @Override
    public String label() {
        return "100 connections/s from one address";
    }

    @Override
    public AbuserTally run(Abuser abuser, long untilNanos) {
        AbuserTally tally = new AbuserTally();
        List<WsConnection> open = new CopyOnWriteArrayList<>();
        List<CompletableFuture<?>> attempts = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        int count = (int) Math.max(1, (untilNanos - start) / 1e9 * ATTEMPTS_PER_SECOND);
        FixedRate.run(count, ATTEMPTS_PER_SECOND, start, (i, intended) -> {
            tally.sent();
            attempts.add(abuser.ws().attempt(abuser.edge(), Abuser.ADDRESS, i, FrameHandler.NONE)
                    .whenComplete((connection, error) -> {
                        if (error != null) {
                            tally.handshakeRefused(HandshakeRefusal.statusOf(error));
                        } else {
                            open.add(connection);
                        }
                    }));
        });
        Waits.until(() -> attempts.stream().allMatch(CompletableFuture::isDone), abuser.timeout());
        WsLoadClient.close(open, abuser.timeout());
        return tally;
    }
}
