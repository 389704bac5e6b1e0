package io.restlive.spring.internal;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.springframework.beans.factory.InitializingBean;

/** Appends the {@link LiveEntityListener} to the Hibernate session factory behind the app's JPA setup. */
public final class ListenerRegistration implements InitializingBean {

    private final EntityManagerFactory entityManagerFactory;
    private final LiveEntityListener listener;

    public ListenerRegistration(EntityManagerFactory entityManagerFactory, LiveEntityListener listener) {
        this.entityManagerFactory = entityManagerFactory;
        this.listener = listener;
    }

    @Override
    public void afterPropertiesSet() {
        EventListenerRegistry registry = entityManagerFactory.unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry().requireService(EventListenerRegistry.class);
        registry.appendListeners(EventType.POST_INSERT, listener);
        registry.appendListeners(EventType.POST_UPDATE, listener);
        registry.appendListeners(EventType.POST_DELETE, listener);
    }
}
