package io.restlive.testing;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one place that decides which real Kafka broker the integration tests of a JVM talk to.
 *
 * <ol>
 *   <li>{@code REST_LIVE_BOOTSTRAP_SERVERS} set: that existing cluster.</li>
 *   <li>a Docker engine answers and {@code REST_LIVE_TEST_KAFKA} is not {@code embedded}: a Testcontainers
 *       Kafka.</li>
 *   <li>otherwise (this machine kind, CI): a KRaft broker inside the test JVM
 *       ({@link EmbeddedKafkaKraftBroker}).</li>
 * </ol>
 *
 * <p>The broker is started once per JVM and shared; tests isolate themselves with {@link #unique(String)}
 * topic names and application ids. Nothing is ever skipped because Docker is absent.
 */
public final class KafkaFixture {

    /** Points every test tier at an existing cluster instead of starting a broker. */
    public static final String BOOTSTRAP_ENV = "REST_LIVE_BOOTSTRAP_SERVERS";
    /** {@code embedded} forces the in-JVM broker even where Docker is available. */
    public static final String MODE_ENV = "REST_LIVE_TEST_KAFKA";

    private static final Logger log = LoggerFactory.getLogger(KafkaFixture.class);
    private static final Object LOCK = new Object();
    private static KafkaFixture shared;

    private final String bootstrapServers;
    private final String description;

    private KafkaFixture(String bootstrapServers, String description) {
        this.bootstrapServers = bootstrapServers;
        this.description = description;
    }

    /** The broker of this JVM, started on first use and stopped when the JVM exits. */
    public static KafkaFixture shared() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = start(System.getenv());
                log.info("Integration tests use {} at {}", shared.description, shared.bootstrapServers);
            }
            return shared;
        }
    }

    private static KafkaFixture start(Map<String, String> env) {
        String external = env.get(BOOTSTRAP_ENV);
        if (external != null && !external.isBlank()) {
            return new KafkaFixture(external, "the existing cluster from " + BOOTSTRAP_ENV);
        }
        if (!"embedded".equals(env.get(MODE_ENV)) && dockerAnswers()) {
            KafkaContainer container = new KafkaContainer("apache/kafka-native:4.1.1");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
            return new KafkaFixture(container.getBootstrapServers(), "a Testcontainers Kafka");
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 1)
                .brokerProperties(Map.of(
                        "auto.create.topics.enable", "false",
                        "group.initial.rebalance.delay.ms", "0",
                        "transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        return new KafkaFixture(broker.getBrokersAsString(), "an embedded KRaft broker");
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** {@code host:port[,host:port]} of the broker. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client properties with only {@code bootstrap.servers} set. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** A name no other test of this run uses: {@code <base>-<random>}, for topics, prefixes and app ids. */
    public static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
