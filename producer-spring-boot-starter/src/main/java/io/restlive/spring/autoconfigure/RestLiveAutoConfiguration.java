package io.restlive.spring.autoconfigure;

import io.restlive.producer.Encoding;
import io.restlive.producer.LiveProducer;
import io.restlive.producer.SchemaRegistry;
import io.restlive.spring.RestLiveProperties;
import io.restlive.spring.internal.ChangePublisher;
import io.restlive.spring.internal.ChangeSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers a {@link LiveProducer} built from {@code rest-live.*}, and, when the app uses JPA, publishes the
 * changes of its {@code @LiveModel} entities in the configured mode ({@link RestLiveJpaConfiguration}).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "rest-live.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RestLiveProperties.class)
@Import(RestLiveJpaConfiguration.class)
public class RestLiveAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RestLiveAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LiveProducer liveProducer(RestLiveProperties properties, JsonMapper jsonMapper) {
        properties.validate();
        log.info("rest-live publishing: {}", properties);
        var builder = LiveProducer.builder()
                .bootstrapServers(properties.getBootstrapServers())
                .topicPrefix(properties.getTopicPrefix())
                .encoding(properties.getEncoding())
                .jsonMapper(jsonMapper);
        if (properties.getEncoding() == Encoding.AVRO_REGISTRY) {
            builder.schemaRegistry(SchemaRegistry.at(properties.getRegistryUrl()));
        }
        properties.getProducer().forEach(builder::kafkaProperty);
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    ChangePublisher restLiveChangePublisher(LiveProducer producer) {
        return new ChangePublisher(producer);
    }

    @Bean
    @ConditionalOnMissingBean
    ChangeSnapshots restLiveChangeSnapshots(JsonMapper jsonMapper) {
        return new ChangeSnapshots(jsonMapper);
    }
}
