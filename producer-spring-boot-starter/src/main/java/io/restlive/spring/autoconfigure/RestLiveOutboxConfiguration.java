package io.restlive.spring.autoconfigure;

import io.restlive.spring.RestLiveProperties;
import io.restlive.spring.internal.ChangePublisher;
import io.restlive.spring.outbox.OutboxRelay;
import io.restlive.spring.outbox.OutboxSchema;
import io.restlive.spring.outbox.OutboxTable;
import io.restlive.spring.outbox.OutboxWriter;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The transactional outbox ({@code rest-live.mode=outbox}): its table, its writer and its relay. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rest-live.mode", havingValue = "outbox")
class RestLiveOutboxConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "rest-live.outbox.initialize-schema", matchIfMissing = true)
    OutboxSchema restLiveOutboxSchema(DataSource dataSource) {
        return new OutboxSchema(dataSource);
    }

    @Bean
    OutboxWriter restLiveOutboxWriter(ObjectProvider<OutboxSchema> schema) {
        // The table must exist before the first transaction writes to it, even one run at start-up.
        schema.ifAvailable(created -> { });
        return new OutboxWriter(Clock.systemUTC());
    }

    @Bean
    OutboxRelay restLiveOutboxRelay(DataSource dataSource, ChangePublisher publisher, JsonMapper jsonMapper,
            RestLiveProperties properties, ObjectProvider<OutboxSchema> schema) {
        schema.ifAvailable(created -> { });
        return new OutboxRelay(new OutboxTable(new JdbcTemplate(dataSource)), publisher, jsonMapper,
                properties.getOutbox());
    }
}
