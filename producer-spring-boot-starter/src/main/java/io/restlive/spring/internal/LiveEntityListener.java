package io.restlive.spring.internal;

import java.util.Optional;
import org.hibernate.event.spi.AbstractPostDatabaseOperationEvent;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Hibernate's post-insert, post-update and post-delete events of {@code @LiveModel} entities, handed to the
 * {@link ChangeTracker}. Registered for every entity once; other entities pass through untouched.
 */
public final class LiveEntityListener implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener {

    private final ChangeTracker tracker;

    public LiveEntityListener(ChangeTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        track(event, false);
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        track(event, false);
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        track(event, true);
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }

    private void track(AbstractPostDatabaseOperationEvent event, boolean delete) {
        Optional<String> model = LiveEntities.model(event.getPersister().getMappedClass());
        if (model.isEmpty()) {
            return;
        }
        Object pk = LiveEntities.pk(model.get(), event.getId());
        tracker.changed(event.getSession(), new PendingChange(model.get(), pk, event.getEntity(), event.getPersister(), delete));
    }
}
