package io.restlive.spring.it;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The outbox on the embedded H2 database the starter uses when nothing else is configured. */
@SpringBootTest(classes = TestApp.class)
class OutboxH2IT extends OutboxScenarios {

    static final ChangesTopic TOPIC = ChangesTopic.create("outbox-h2");

    @DynamicPropertySource
    static void restLive(DynamicPropertyRegistry registry) {
        registry.add("rest-live.bootstrap-servers", ChangesTopic::bootstrapServers);
        registry.add("rest-live.topic-prefix", TOPIC::prefix);
        registry.add("rest-live.mode", () -> "outbox");
    }

    @AfterAll
    static void closeTopic() {
        TOPIC.close();
    }

    @Override
    ChangesTopic topic() {
        return TOPIC;
    }
}
