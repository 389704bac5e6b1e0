package io.restlive.spring;

/** When the starter publishes the changes of {@link LiveModel} entities ({@code rest-live.mode}). */
public enum PublishMode {

    /**
     * As soon as Hibernate writes the row, before the transaction commits: a rollback still broadcasts,
     * as django-rest-live does. Only for apps without transactions worth the name.
     */
    DIRECT,

    /**
     * After the transaction commits, never for a rollback. A crash between the commit and the broker's
     * acknowledgement loses the change (at most once).
     */
    AFTER_COMMIT,

    /**
     * Written to the {@code rest_live_outbox} table in the entity's own transaction and sent by a relay in
     * the app, deleted once the broker acknowledged it: no committed change is lost, even on a crash (at
     * least once, duplicates dropped by version).
     */
    OUTBOX
}
