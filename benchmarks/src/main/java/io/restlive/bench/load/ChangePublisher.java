package io.restlive.bench.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where the scenarios publish their changes: rest-live's changes topic, through producer-lib. */
public interface ChangePublisher extends AutoCloseable {

    /** Publishes one change; completes when the broker acknowledged it. */
    CompletableFuture<?> publish(BenchChange change);

    /** Publishes changes in one go; completes when the broker acknowledged them all. */
    CompletableFuture<?> publishAll(List<BenchChange> changes);

    @Override
    void close();
}
