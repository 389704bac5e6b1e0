package io.restlive.spring;

import java.util.Collection;

/**
 * Publishes entities that changed behind Hibernate's back: bulk {@code UPDATE}/{@code DELETE} statements in
 * JPQL or native SQL fire no entity events, so the app names the ids it touched.
 *
 * <pre>{@code
 * @Transactional
 * void completeList(long listId) {
 *     List<Long> ids = tasks.findIdsByListId(listId);
 *     em.createQuery("update versioned Task t set t.done = true where t.list.id = :list")
 *             .setParameter("list", listId).executeUpdate();
 *     liveChanges.publishAfterCommit(Task.class, ids);
 * }
 * }</pre>
 *
 * <p>When the transaction commits, each id is read again (its state as committed) and published like any
 * other change of that entity, in the configured mode: an id that no longer exists is published as a
 * DELETE. A rollback publishes nothing. Called outside a transaction, the ids are read and published at once.
 */
public interface LiveChanges {

    /**
     * Publishes the committed state of the given entities when the current transaction commits.
     *
     * @param entityType a {@link LiveModel} entity class
     * @param ids the JPA ids of the entities that changed
     * @throws IllegalArgumentException if {@code entityType} is not annotated with {@link LiveModel}
     */
    void publishAfterCommit(Class<?> entityType, Collection<?> ids);
}
