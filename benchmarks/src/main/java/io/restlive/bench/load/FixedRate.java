package io.restlive.bench.load;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Calls an action at a fixed rate, passing each call its intended time. A caller that falls behind is
 * called at once for every missed slot, and the intended time it receives stays the slot's: latencies
 * measured from it include the delay (no coordinated omission).
 */
public final class FixedRate {

    /** One scheduled call. */
    @FunctionalInterface
    public interface Action {
        /**
         * @param index the call's number, from 0
         * @param intendedNanos when it should have been called, {@link System#nanoTime()}
         */
        void run(int index, long intendedNanos);
    }

    private FixedRate() {
    }

    /**
     * Makes {@code count} calls at {@code perSecond}, the first at {@code startNanos}.
     *
     * @return the intended time after the last call, i.e. the end of the schedule
     */
    public static long run(int count, double perSecond, long startNanos, Action action) {
        double interval = 1e9 / perSecond;
        for (int i = 0; i < count; i++) {
            long intended = startNanos + (long) (i * interval);
            long wait = intended - System.nanoTime();
            while (wait > 0) {
                LockSupport.parkNanos(wait);
                wait = intended - System.nanoTime();
            }
            action.run(i, intended);
        }
        return startNanos + (long) (count * interval);
    }

    /**
     * Calls {@code action} at {@code perSecond} from {@code startNanos} for as long as {@code keepGoing} holds
     * (asked before each call), like {@link #run}.
     *
     * @return how many calls were made
     */
    public static int runWhile(double perSecond, long startNanos, BooleanSupplier keepGoing,
                               Action action) {
        double interval = 1e9 / perSecond;
        int i = 0;
        while (keepGoing.getAsBoolean()) {
            long intended = startNanos + (long) (i * interval);
            long wait = intended - System.nanoTime();
            while (wait > 0 && keepGoing.getAsBoolean()) {
                LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                wait = intended - System.nanoTime();
            }
            if (!keepGoing.getAsBoolean()) {
                break;
            }
            action.run(i++, intended);
        }
        return i;
    }
}
