package io.restlive.processor.membership;

import java.time.Duration;

/**
 * The limits and intervals of a membership task.
 *
 * @param maxFrameBytes the largest rendered instance delivered; a larger one is dead-lettered
 *     ({@code rest-live.max-frame-size})
 * @param recordBudget the most bytes of payloads and entries one broadcast record carries; a change needing
 *     more is split over several records
 * @param historySize the most applied changes a task keeps to replay to late joins ({@code rest-live.replay-history})
 * @param historyAge the oldest applied change a task keeps ({@code rest-live.replay-retention})
 * @param positionInterval how often a task tells the edges its position when it has moved
 *     ({@code rest-live.position-interval})
 */
public record MembershipSettings(int maxFrameBytes, int recordBudget, int historySize, Duration historyAge,
                                 Duration positionInterval) {

    /** The largest record value a default broker and producer take (1 MiB) less room for headers. */
    public static final int DEFAULT_RECORD_BUDGET = 1_000_000;

    /** The defaults of the settings. */
    public static MembershipSettings defaults() {
        return new MembershipSettings(512 * 1024, DEFAULT_RECORD_BUDGET, 5_000, Duration.ofMinutes(5),
                Duration.ofMillis(200));
    }
}
