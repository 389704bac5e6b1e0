package io.restlive.bench.abuse;

/** One way a client misbehaves on an edge, run for one window of the abuse scenario. */
public interface Abuse {

    /** A short name for the report's rows. */
    String label();

    /**
     * Abuses {@link Abuser#edge()} until {@code untilNanos} ({@link System#nanoTime()}), then waits until every
     * answer arrived and closes the connections it opened.
     *
     * @return what the abuser sent and got
     */
    AbuserTally run(Abuser abuser, long untilNanos);
}
