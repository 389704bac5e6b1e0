package io.restlive.bench.abuse;

import io.restlive.bench.load.FixedRate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection sends {@value #PAIRS_PER_SECOND} subscribe/unsubscribe pairs a second, all to one group that
 * nobody else holds: each accepted pair would make the edge announce a join and a leave to the processor.
 * When the edge closes it for its errors, the abuser reconnects and goes on ({@link AbuserLink}).
 */
public final class SubscribeChurnAbuse implements Abuse {

    static final int PAIRS_PER_SECOND = 1_000;
    static final long GROUP = 2_000_000L;

    @Override
    public String label() {
        return "1,000 subscribe/unsubscribe pairs/s";
    }

    @Override
    public AbuserTally run(Abuser abuser, long untilNanos) {
        // Every refused subscribe's unsubscribe is answered 404: not a refusal of a subscribe.
        AbuserTally tally = new AbuserTally(404);
        AtomicInteger sentinels = new AtomicInteger();
        AbuserLink connection = new AbuserLink(abuser, tally, sentinels);
        long start = System.nanoTime();
        int pairs = (int) Math.max(1, (untilNanos - start) / 1e9 * PAIRS_PER_SECOND);
        FixedRate.run(pairs, PAIRS_PER_SECOND, start, (i, intended) -> {
            if (connection.send(Abuser.subscribe(i + 1, GROUP))) {
                tally.sent();
                connection.send("{\"type\":\"unsubscribe\",\"id\":" + (i + 1) + "}");
            }
        });
        connection.drainAndClose();
        return tally;
    }
}
