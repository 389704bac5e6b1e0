package io.restlive.bench.abuse;

import io.restlive.bench.load.FixedRate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Subscribes whose {@code lookup_by}, {@code query_params} or {@code view_kwargs} (in turn) are a few times
 * their limit (1 KB, 4 KB, 4 KB), {@value #PER_SECOND} a second over {@value #CONNECTIONS} connections: each
 * connection stays under the subscribe rate, so that the edge has to read every value before it refuses it
 * (the rate limit is checked first and would otherwise answer most of them with 429).
 */
public final class OversizedValuesAbuse implements Abuse {

    static final int CONNECTIONS = 10;
    static final int PER_SECOND = 150;

    private static final String LOOKUP_BY = "\"" + "7".repeat(2_000) + "\"";
    private static final String LARGE_OBJECT = "{\"group\":1,\"pad\":\"" + "x".repeat(5_000) + "\"}";

    @Override
    public String label() {
        return "oversized lookup_by/query_params/view_kwargs";
    }

    @Override
    public AbuserTally run(Abuser abuser, long untilNanos) {
        AbuserTally tally = new AbuserTally();
        AtomicInteger sentinels = new AtomicInteger();
        List<AbuserLink> connections = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            connections.add(new AbuserLink(abuser, tally, sentinels));
        }
        long start = System.nanoTime();
        int count = (int) Math.max(1, (untilNanos - start) / 1e9 * PER_SECOND);
        FixedRate.run(count, PER_SECOND, start, (i, intended) -> {
            if (connections.get(i % CONNECTIONS).send(frame(i + 1, i % 3))) {
                tally.sent();
            }
        });
        connections.forEach(AbuserLink::drainAndClose);
        return tally;
    }

    /** Subscribe {@code id} with the value of kind {@code kind} (0: lookup_by, 1: query_params, 2: view_kwargs) too large. */
    static String frame(long id, int kind) {
        String head = "{\"type\":\"subscribe\",\"id\":" + id + ",\"model\":\"" + Abuser.MODEL + "\",";
        return switch (kind) {
            case 0 -> head + "\"action\":\"retrieve\",\"lookup_by\":" + LOOKUP_BY + "}";
            case 1 -> head + "\"action\":\"list\",\"view_kwargs\":{\"group\":1},\"query_params\":" + LARGE_OBJECT + "}";
            default -> head + "\"action\":\"list\",\"view_kwargs\":" + LARGE_OBJECT + "}";
        };
    }
}
