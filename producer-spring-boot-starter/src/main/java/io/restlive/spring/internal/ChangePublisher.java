package io.restlive.spring.internal;

import io.restlive.producer.Change;
import io.restlive.schemas.ChangeOp;
import io.restlive.producer.LiveProducer;
import io.restlive.producer.PublishException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands snapshots of changes to the {@link LiveProducer}, as one {@code publishAll} per transaction. */
public final class ChangePublisher {

    private static final Logger log = LoggerFactory.getLogger(ChangePublisher.class);

    private final LiveProducer producer;

    public ChangePublisher(LiveProducer producer) {
        this.producer = producer;
    }

    /** Publishes the changes, in order; the future completes when the broker acknowledged all of them. */
    public CompletableFuture<?> publish(List<LiveChange> changes) {
        return producer.publishAll(changes.stream().map(ChangePublisher::toChange).toList());
    }

    /**
     * Publishes without waiting: after a commit there is nobody left to tell, so a failure is logged with its
     * reason (in after-commit mode that change is lost; the outbox mode exists for that).
     */
    void publishLogged(List<LiveChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        publish(changes).whenComplete((done, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
                String reason = cause instanceof PublishException publish ? String.valueOf(publish.reason()) : cause.toString();
                log.error("rest-live could not publish {} committed change(s), first {} {}: {}", changes.size(),
                        changes.get(0).model(), changes.get(0).pk(), reason, cause);
            }
        });
    }

    private static Change toChange(LiveChange change) {
        // The record's constructor takes a nullable version; the factories take a primitive one.
        return change.isDelete()
                ? new Change(change.model(), change.pk(), ChangeOp.DELETE, null, change.version())
                : new Change(change.model(), change.pk(), ChangeOp.UPSERT, change.instance(), change.version());
    }
}
