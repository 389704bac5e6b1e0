package io.restlive.devbroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the packaged jar as its own process, the way the run command does. */
class LocalKafkaBrokerIT {

    private static final Path JAR = Path.of("target/rest-live-dev-broker.jar");

    @TempDir
    Path dataDir;

    private Process broker;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.destroyForcibly();
        }
    }

    @Test
    void shouldServeProducersAndConsumersOnceReadyAndStopOnSigterm() throws Exception {
        // given
        int port = freePort();
        String bootstrap = "127.0.0.1:" + port;
        start(port, freePort());
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(output)
                .as("broker output").contains(LocalKafkaBroker.READY_LINE + bootstrap));
        assertThat(dataDir.resolve("meta.properties")).exists();

        // when
        Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic("greetings", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("greetings", "k", "hello")).get(30, TimeUnit.SECONDS);
        }

        // then
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "it", "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("greetings"));
            List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                assertThat(received).extracting(ConsumerRecord::value).containsExactly("hello");
            });
        }
        broker.destroy();
        assertThat(broker.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
    }

    private void start(int port, int controllerPort) throws IOException {
        assertThat(JAR).as("the packaged broker (mvn package builds it)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        broker = new ProcessBuilder(java, "-Xmx512m", "-jar", JAR.toString(), "--port", String.valueOf(port),
                "--controller-port", String.valueOf(controllerPort), "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(() -> readLines(broker), "broker-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLines(Process process) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(output::add);
        } catch (IOException | UncheckedIOException e) {
            // The stream closes when the test destroys the process: nothing more to read.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
