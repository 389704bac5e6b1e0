package io.restlive.bench.abuse;

import io.restlive.bench.load.FixedRate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One anonymous connection tries to open {@value #SUBSCRIPTIONS} subscriptions, each to a group of its own,
 * spread evenly over the window (the edge caps the subscribe rate, the subscriptions and the groups of one
 * connection, and of one address). When the edge closes it for its errors, the abuser reconnects and goes on
 * ({@link AbuserLink}).
 */
public final class ManyGroupsAbuse implements Abuse {

    static final int SUBSCRIPTIONS = 10_000;
    /** Group values far from the victims' and from the probes'. */
    static final long FIRST_GROUP = 1_000_000L;

    @Override
    public String label() {
        return "10,000 groups on one connection";
    }

    @Override
    public AbuserTally run(Abuser abuser, long untilNanos) {
        AbuserTally tally = new AbuserTally();
        AtomicInteger sentinels = new AtomicInteger();
        AbuserLink connection = new AbuserLink(abuser, tally, sentinels);
        long start = System.nanoTime();
        double perSecond = SUBSCRIPTIONS / Math.max(0.001, (untilNanos - start) / 1e9);
        FixedRate.run(SUBSCRIPTIONS, perSecond, start, (i, intended) -> {
            if (connection.send(Abuser.subscribe(i + 1, FIRST_GROUP + i))) {
                tally.sent();
            }
        });
        connection.drainAndClose();
        return tally;
    }
}
