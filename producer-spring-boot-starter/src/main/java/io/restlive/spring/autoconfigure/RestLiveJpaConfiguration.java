package io.restlive.spring.autoconfigure;

import io.restlive.spring.LiveChanges;
import io.restlive.spring.PublishMode;
import io.restlive.spring.RestLiveProperties;
import io.restlive.spring.internal.ChangePublisher;
import io.restlive.spring.internal.ChangeSnapshots;
import io.restlive.spring.internal.ChangeTracker;
import io.restlive.spring.internal.HibernateLiveChanges;
import io.restlive.spring.internal.ListenerRegistration;
import io.restlive.spring.internal.LiveEntityListener;
import io.restlive.spring.outbox.OutboxRelay;
import io.restlive.spring.outbox.OutboxWriter;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The JPA integration: Hibernate listeners on {@code @LiveModel} entities, {@link LiveChanges}, the outbox. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.hibernate.engine.spi.SessionFactoryImplementor")
@ConditionalOnBean(EntityManagerFactory.class)
@Import(RestLiveOutboxConfiguration.class)
class RestLiveJpaConfiguration {

    @Bean
    ChangeTracker restLiveChangeTracker(RestLiveProperties properties, ChangeSnapshots snapshots,
            ChangePublisher publisher, ObjectProvider<OutboxWriter> outboxWriter, ObjectProvider<OutboxRelay> relay) {
        PublishMode mode = properties.getMode();
        return new ChangeTracker(mode, snapshots, publisher,
                mode == PublishMode.OUTBOX ? outboxWriter.getObject() : null,
                () -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    @Bean
    ListenerRegistration restLiveListenerRegistration(EntityManagerFactory entityManagerFactory, ChangeTracker tracker) {
        return new ListenerRegistration(entityManagerFactory, new LiveEntityListener(tracker));
    }

    @Bean
    @ConditionalOnMissingBean
    LiveChanges liveChanges(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager,
            ChangeTracker tracker) {
        return new HibernateLiveChanges(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
                new TransactionTemplate(transactionManager), tracker);
    }
}
