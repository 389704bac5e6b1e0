package io.restlive.processor.lookup;

import java.time.Clock;
import java.time.Instant;

/** A short pause between two checks of something a lookup waits for, bounded by its deadline. */
public final class Waiting {

    /** How long one pause lasts. */
    static final long PAUSE_MS = 20;

    private Waiting() {
    }

    /**
     * Pauses unless the deadline has passed.
     *
     * @return false if the deadline has passed (or the thread was interrupted): stop waiting
     */
    public static boolean pause(Clock clock, Instant deadline) {
        if (!clock.instant().isBefore(deadline)) {
            return false;
        }
        try {
            Thread.sleep(PAUSE_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
