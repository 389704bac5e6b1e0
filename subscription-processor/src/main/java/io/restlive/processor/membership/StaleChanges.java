package io.restlive.processor.membership;

import io.restlive.processor.decode.ChangeEvent;
import io.restlive.processor.entities.StoredEntity;
import io.restlive.processor.metrics.ProcessorMetrics;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes dropped because their version is not newer than the stored one: counted per model and logged,
 * at most once per model every {@link #LOG_INTERVAL_MS}, with the latest example. A version that goes back
 * is usually a database restored from a backup or a counter that restarted; the line says how to reset.
 */
final class StaleChanges {

    private static final Logger log = LoggerFactory.getLogger(StaleChanges.class);
    static final long LOG_INTERVAL_MS = 30_000;

    /** Per model: drops since the last line, and when that line was written. */
    private static final class Model {
        long dropped;
        long loggedAt = Long.MIN_VALUE;
    }

    private final ProcessorMetrics metrics;
    private final Map<String, Model> models = new HashMap<>();

    StaleChanges(ProcessorMetrics metrics) {
        this.metrics = metrics;
    }

    void dropped(ChangeEvent change, StoredEntity stored, long nowMs) {
        metrics.staleDropped(change.model());
        Model model = models.computeIfAbsent(change.model(), m -> new Model());
        model.dropped++;
        if (nowMs - model.loggedAt >= LOG_INTERVAL_MS) {
            log.warn("Dropped {} change(s) of {} whose version was not newer than the stored one; latest: pk {}, "
                    + "version {} <= stored {}. If the source database was restored or its versions restarted, "
                    + "reset the stored versions: ./rest-live reset-versions --model {} (docs/operations.md)",
                    model.dropped, change.model(), change.pk(), change.version(), stored.version(), change.model());
            model.dropped = 0;
            model.loggedAt = nowMs;
        }
    }
}
