package io.restlive.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.core.groups.GroupSpecs;
import io.restlive.core.json.Json;
import io.restlive.core.kafka.SubscriptionRecords;
import io.restlive.core.views.LiveUser;
import io.restlive.core.views.ViewsFile;
import io.restlive.processor.topology.TopologySettings;
import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.BroadcastAction;
import io.restlive.schemas.ChangeFrames;
import io.restlive.schemas.EdgeBroadcast;
import io.restlive.schemas.FrameEntry;
import io.restlive.schemas.GroupSpec;
import io.restlive.schemas.SubscriptionCommand;
import io.restlive.schemas.TopicNames;
import io.restlive.testing.KafkaFixture;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real processor (Spring Boot, Kafka Streams, HTTP) against the real broker of the test JVM. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Close Kafka Streams after the class, while the JVM's shared broker still runs.
@DirtiesContext
class SubscriptionProcessorIT {

    private static final String VIEWS = """
            views:
              - name: open-tasks
                model: todolist.Task
                queryset: "!instance.done"
            """;
    private static final String PREFIX = KafkaFixture.unique("processor-it") + ".";
    private static final TopicNames TOPICS = new TopicNames(PREFIX);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String INTERNAL_SECRET = "processor-it-internal-secret";

    @LocalServerPort
    int port;
    @Autowired
    TopologySettings settings;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void processorSettings(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("processor-it");
        Path views = Files.writeString(dir.resolve("views.yaml"), VIEWS);
        registry.add("rest-live.bootstrap-servers", () -> KafkaFixture.shared().bootstrapServers());
        registry.add("rest-live.views", views::toString);
        registry.add("rest-live.topic-prefix", () -> PREFIX);
        registry.add("rest-live.application-id", () -> KafkaFixture.unique("processor-it"));
        registry.add("rest-live.state-dir", () -> dir.resolve("state").toString());
        registry.add("rest-live.partitions", () -> "2");
        registry.add("rest-live.advertised-host", () -> "localhost");
        registry.add("rest-live.internal-secret", () -> INTERNAL_SECRET);
    }

    @Test
    void shouldBroadcastAJsonChangeToAnAnnouncedGroupAndServeLookups() throws Exception {
        // given
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        GroupSpec spec = GroupSpecs.spec(ViewsFile.parse(VIEWS, "it").view("open-tasks").orElseThrow(), "list", null,
                Json.NODES.objectNode(), Json.NODES.objectNode(), LiveUser.ANONYMOUS);
        String groupKey = GroupSpecs.key(spec);
        try (KafkaProducer<String, byte[]> producer = producer();
             KafkaProducer<byte[], byte[]> commands = new KafkaProducer<>(KafkaFixture.shared().clientProperties(),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            for (var record : new SubscriptionRecords(TOPICS.subscriptions(), 2).join(SubscriptionCommand.newBuilder()
                    .setGroupKey(groupKey).setEdgeId("edge-it").setSpec(spec).setTs(Instant.now()).setSlot(0).build())) {
                commands.send(record).get();
            }
            await().atMost(WAIT).until(() -> settings.groups().routes(groupKey).stream()
                    .anyMatch(route -> route.tasks() == 0b11));

            // when
            producer.send(new ProducerRecord<>(TOPICS.changes(), "todolist.Task|1", ("{\"model\":\"todolist.Task\","
                    + "\"pk\":1,\"instance\":{\"id\":1,\"text\":\"Milk\",\"done\":false}}").getBytes(StandardCharsets.UTF_8)))
                    .get();
        }

        // then
        List<ChangeFrames> broadcasts = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(TOPICS.broadcasts()));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    EdgeBroadcast broadcast = decode(r.value());
                    if (broadcast.getChange() != null) {
                        broadcasts.add(broadcast.getChange());
                    }
                });
                return !broadcasts.isEmpty();
            });
        }
        FrameEntry entry = broadcasts.get(0).getEntries().get(0);
        assertThat(entry.getGroupKey()).isEqualTo(groupKey);
        assertThat(entry.getAction()).isEqualTo(BroadcastAction.CREATED);
        assertThat(Json.parse(broadcasts.get(0).getPayloads().get(entry.getPayload())))
                .isEqualTo(Json.parse("{\"id\":1,\"text\":\"Milk\",\"done\":false}"));

        HttpResponse<String> byPk = get("/internal/lookup?model=todolist.Task&field=pk&value=" + encode("\"1\""));
        assertThat(byPk.statusCode()).isEqualTo(200);
        assertThat(Json.parse(byPk.body()).get("pk").asInt()).isEqualTo(1);
        // A field no view looks instances up by is refused: the lookup serves edges' retrieves, nothing else.
        HttpResponse<String> byText = get("/internal/lookup?model=todolist.Task&field=text&value=" + encode("\"Milk\""));
        assertThat(byText.statusCode()).isEqualTo(400);
        assertThat(get("/internal/lookup?model=todolist.Task&field=pk&value=2").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + INTERNAL_SECRET).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static EdgeBroadcast decode(byte[] value) {
        try {
            return AvroCodecs.decodeBroadcast(value);
        } catch (IOException e) {
            throw new AssertionError("not an EdgeBroadcast", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = KafkaFixture.shared().clientProperties();
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = KafkaFixture.shared().clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaFixture.unique("processor-it-reader"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
