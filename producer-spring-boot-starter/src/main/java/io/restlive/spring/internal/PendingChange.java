package io.restlive.spring.internal;

import org.hibernate.persister.entity.EntityPersister;

/**
 * A change Hibernate reported during a transaction, kept by reference until the transaction completes:
 * an entity updated twice is serialized once, in its final state.
 *
 * @param model the model label
 * @param pk the normalized primary key
 * @param entity the entity (for a delete, as it was when deleted)
 * @param persister Hibernate's description of the entity, to read its version
 * @param delete whether the entity was deleted
 */
record PendingChange(String model, Object pk, Object entity, EntityPersister persister, boolean delete) {

    /** The key this change is merged under: later changes of one entity replace earlier ones. */
    String key() {
        return model + "|" + pk;
    }
}
