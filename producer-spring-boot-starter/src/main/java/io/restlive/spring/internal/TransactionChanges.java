package io.restlive.spring.internal;

import jakarta.persistence.EntityNotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.AfterCompletionCallback;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The live changes of one Hibernate transaction, registered on its session at the first change.
 *
 * <p>Hibernate calls {@link #doBeforeTransactionCompletion} after its final flush and before the database
 * commit, still inside the transaction: every entity is in its final state, lazy associations can still be
 * loaded, and the outbox rows join the same commit. {@link #doAfterTransactionCompletion} runs after the
 * commit or the rollback.
 */
final class TransactionChanges implements BeforeCompletionCallback, AfterCompletionCallback {

    private final ChangeTracker tracker;
    private final Map<String, PendingChange> changes = new LinkedHashMap<>();
    private final List<Refresh> refreshes = new ArrayList<>();
    private List<LiveChange> snapshot = List.of();

    TransactionChanges(ChangeTracker tracker) {
        this.tracker = tracker;
    }

    /** Records a change; a later change of the same entity replaces it. */
    void add(PendingChange change) {
        changes.remove(change.key());
        changes.put(change.key(), change);
    }

    /** Asks for the entities {@code ids} of {@code type} to be read again and published at commit. */
    void refreshLater(Class<?> type, String model, Collection<?> ids) {
        refreshes.add(new Refresh(type, model, List.copyOf(ids)));
    }

    @Override
    public void doBeforeTransactionCompletion(SharedSessionContractImplementor session) {
        refreshes.forEach(refresh -> refresh.resolve(session).forEach(this::add));
        snapshot = changes.values().stream().map(tracker.snapshots()::snapshot).toList();
        tracker.beforeCommit(session, snapshot);
    }

    @Override
    public void doAfterTransactionCompletion(boolean success, SharedSessionContractImplementor session) {
        tracker.completed(session, success, snapshot);
    }

    /** Entities changed by bulk statements, which the persistence context may hold in a stale state. */
    record Refresh(Class<?> type, String model, List<?> ids) {

        List<PendingChange> resolve(SharedSessionContractImplementor shared) {
            if (!(shared instanceof SessionImplementor session)) {
                throw new IllegalStateException("LiveChanges needs a stateful Hibernate session, not " + shared.getClass());
            }
            EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(type);
            List<PendingChange> resolved = new ArrayList<>(ids.size());
            for (Object id : ids) {
                Object pk = LiveEntities.pk(model, id);
                Object entity = session.find(type, id);
                resolved.add(new PendingChange(model, pk, entity, persister, entity == null || !refreshed(session, entity)));
            }
            return resolved;
        }

        private static boolean refreshed(SessionImplementor session, Object entity) {
            try {
                // find() may answer from the persistence context, which a bulk statement bypassed.
                session.refresh(entity);
                return true;
            } catch (EntityNotFoundException e) {
                return false;
            }
        }
    }
}
