package io.restlive.bench.abuse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an abuser got: how many requests it sent (subscribes, or connection attempts) and how each refused
 * one was answered, by error-frame code or handshake HTTP status. Counted on the client's event loops.
 */
public final class AbuserTally {

    private static final int NO_UNSUBSCRIBES = -1;

    private final LongAdder sent = new LongAdder();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> otherAnswers = new ConcurrentHashMap<>();
    private final int unsubscribeAnswer;

    /** A tally of subscribes or connection attempts only. */
    public AbuserTally() {
        this(NO_UNSUBSCRIBES);
    }

    /**
     * A tally of subscribes whose connection also unsubscribes: error frames of {@code unsubscribeAnswer} (404,
     * an unsubscribe of a subscription that was refused) answer those, not subscribes, and are kept apart.
     */
    public AbuserTally(int unsubscribeAnswer) {
        this.unsubscribeAnswer = unsubscribeAnswer;
    }

    /** One more request sent. */
    public void sent() {
        sent.increment();
    }

    /** A subscribe answered with an error frame of {@code code}. */
    public void errorFrame(int code) {
        if (code == unsubscribeAnswer) {
            otherAnswers.computeIfAbsent("abuser_unsubscribe_error_" + code, k -> new LongAdder()).increment();
            return;
        }
        refusals.computeIfAbsent("abuser_error_" + code, k -> new LongAdder()).increment();
    }

    /** A handshake refused with HTTP {@code status}, or 0 when the server answered none. */
    public void handshakeRefused(int status) {
        refusals.computeIfAbsent(status == 0 ? "abuser_handshake_failed" : "abuser_http_" + status,
                k -> new LongAdder()).increment();
    }

    /** Something the abuser meant to send was not: its connection was closed and no new one opened yet. */
    public void dropped() {
        otherAnswers.computeIfAbsent("abuser_dropped_while_closed", k -> new LongAdder()).increment();
    }

    /** The edge closed the abuser's connection (its error budget, say). */
    public void closedByServer() {
        otherAnswers.computeIfAbsent("abuser_closed_by_edge", k -> new LongAdder()).increment();
    }

    /** The abuser opened a new connection after the edge closed its last one. */
    public void reconnected() {
        otherAnswers.computeIfAbsent("abuser_reconnects", k -> new LongAdder()).increment();
    }

    public long sentCount() {
        return sent.sum();
    }

    /** Refusals of every kind. */
    public long refusedCount() {
        return refusals.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Refusals of one kind, by its metric name ({@code abuser_error_429}, {@code abuser_http_429}). */
    public long refused(String kind) {
        LongAdder count = refusals.get(kind);
        return count == null ? 0 : count.sum();
    }

    /**
     * The report's figures: {@code abuser_sent}, {@code abuser_unrefused} (sent minus refused: a subscribe is
     * silent in the protocol, so these were accepted, or were sent to a connection the edge was closing and
     * never answered), then each refusal kind, sorted, then the other answers (unsubscribes', closes,
     * reconnects, what could not be sent while closed).
     */
    public Map<String, Double> asMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("abuser_sent", (double) sentCount());
        metrics.put("abuser_unrefused", (double) (sentCount() - refusedCount()));
        new TreeMap<>(refusals).forEach((kind, count) -> metrics.put(kind, (double) count.sum()));
        new TreeMap<>(otherAnswers).forEach((kind, count) -> metrics.put(kind, (double) count.sum()));
        return metrics;
    }
}
