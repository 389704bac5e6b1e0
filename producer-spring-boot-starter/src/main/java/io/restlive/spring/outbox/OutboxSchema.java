package io.restlive.spring.outbox;

import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates {@code rest_live_outbox} at start-up if it is missing, from the script the starter ships
 * ({@code io/restlive/spring/outbox/schema.sql}, valid on PostgreSQL and H2).
 */
public final class OutboxSchema implements InitializingBean {

    /** The schema script, for apps that manage their schema with Flyway or Liquibase and copy it. */
    public static final String SCRIPT = "io/restlive/spring/outbox/schema.sql";

    private final DataSource dataSource;

    public OutboxSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        new ResourceDatabasePopulator(new ClassPathResource(SCRIPT)).execute(dataSource);
    }
}
