package io.restlive.spring.internal;

import io.restlive.spring.LiveChanges;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** {@link LiveChanges} on the transaction-bound Hibernate session of Spring's shared {@link EntityManager}. */
public final class HibernateLiveChanges implements LiveChanges {

    private final EntityManager entityManager;
    private final TransactionOperations transactions;
    private final ChangeTracker tracker;

    /**
     * @param entityManager Spring's shared, transaction-bound entity manager
     * @param transactions runs a call made outside a transaction in a transaction of its own
     */
    public HibernateLiveChanges(EntityManager entityManager, TransactionOperations transactions, ChangeTracker tracker) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.tracker = tracker;
    }

    @Override
    public void publishAfterCommit(Class<?> entityType, Collection<?> ids) {
        String model = LiveEntities.requireModel(entityType);
        if (ids.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            transactions.executeWithoutResult(status -> publishAfterCommit(entityType, ids));
            return;
        }
        SharedSessionContractImplementor session = entityManager.unwrap(SharedSessionContractImplementor.class);
        tracker.refreshLater(session, entityType, model, ids);
    }
}
