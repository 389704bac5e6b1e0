package io.restlive.spring.internal;

import io.restlive.spring.PublishMode;
import io.restlive.spring.outbox.OutboxWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

/**
 * Collects the live changes of each transaction and hands them on when it completes, as the
 * {@link PublishMode} says: published after the commit, written to the outbox before it, or published at
 * once. A rolled-back transaction publishes nothing (except in {@code DIRECT} mode).
 */
public final class ChangeTracker {

    private final PublishMode mode;
    private final ChangeSnapshots snapshots;
    private final ChangePublisher publisher;
    private final OutboxWriter outbox;
    private final Runnable outboxCommitted;
    private final Map<UUID, TransactionChanges> open = new ConcurrentHashMap<>();

    /**
     * @param outbox the outbox writer, used only in {@code OUTBOX} mode (may be null otherwise)
     * @param outboxCommitted called after a transaction committed outbox rows, to wake the relay
     */
    public ChangeTracker(PublishMode mode, ChangeSnapshots snapshots, ChangePublisher publisher, OutboxWriter outbox,
            Runnable outboxCommitted) {
        if (mode == PublishMode.OUTBOX && outbox == null) {
            throw new IllegalArgumentException("outbox mode needs an outbox writer");
        }
        this.mode = mode;
        this.snapshots = snapshots;
        this.publisher = publisher;
        this.outbox = outbox;
        this.outboxCommitted = outboxCommitted;
    }

    /** Called by the entity listener for every insert, update and delete of a live entity. */
    void changed(SharedSessionContractImplementor session, PendingChange change) {
        if (mode == PublishMode.DIRECT || !session.isTransactionInProgress()) {
            publisher.publishLogged(List.of(snapshots.snapshot(change)));
            return;
        }
        changesOf(session).add(change);
    }

    /** Called by {@link HibernateLiveChanges} inside a transaction: re-read these ids when it commits. */
    void refreshLater(SharedSessionContractImplementor session, Class<?> type, String model, Collection<?> ids) {
        TransactionChanges.Refresh refresh = new TransactionChanges.Refresh(type, model, List.copyOf(ids));
        if (mode == PublishMode.DIRECT) {
            publisher.publishLogged(refresh.resolve(session).stream().map(snapshots::snapshot).toList());
            return;
        }
        changesOf(session).refreshLater(type, model, ids);
    }

    ChangeSnapshots snapshots() {
        return snapshots;
    }

    void beforeCommit(SharedSessionContractImplementor session, List<LiveChange> changes) {
        if (mode == PublishMode.OUTBOX && !changes.isEmpty()) {
            session.doWork(connection -> outbox.write(connection, changes));
        }
    }

    void completed(SharedSessionContractImplementor session, boolean committed, List<LiveChange> changes) {
        open.remove(session.getSessionIdentifier());
        if (!committed || changes.isEmpty()) {
            return;
        }
        if (mode == PublishMode.AFTER_COMMIT) {
            publisher.publishLogged(changes);
        } else if (mode == PublishMode.OUTBOX) {
            outboxCommitted.run();
        }
    }

    private TransactionChanges changesOf(SharedSessionContractImplementor session) {
        return open.computeIfAbsent(session.getSessionIdentifier(), id -> {
            TransactionChanges changes = new TransactionChanges(this);
            // One object for both callbacks: the snapshot taken before the commit is what is published after it.
            session.getTransactionCompletionCallbacks().registerCallback((BeforeCompletionCallback) changes);
            session.getTransactionCompletionCallbacks().registerCallback((AfterCompletionCallback) changes);
            return changes;
        });
    }
}
