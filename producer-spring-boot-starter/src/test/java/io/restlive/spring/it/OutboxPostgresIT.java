package io.restlive.spring.it;

import io.restlive.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The outbox on the machine's PostgreSQL, in a database created for this class and dropped after it. */
@SpringBootTest(classes = TestApp.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxPostgresIT extends OutboxScenarios {

    static final ChangesTopic TOPIC = ChangesTopic.create("outbox-pg");
    static final PostgresDatabase DATABASE = PostgresDatabase.create("outbox_it");

    @DynamicPropertySource
    static void restLive(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", () -> PostgresDatabase.USER);
        registry.add("spring.jpa.hibernate.ddl-auto", () -> "create-drop");
        registry.add("rest-live.bootstrap-servers", ChangesTopic::bootstrapServers);
        registry.add("rest-live.topic-prefix", TOPIC::prefix);
        registry.add("rest-live.mode", () -> "outbox");
    }

    @AfterAll
    static void dropDatabase() {
        TOPIC.close();
        DATABASE.drop();
    }

    @Override
    ChangesTopic topic() {
        return TOPIC;
    }
}
