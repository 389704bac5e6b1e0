package io.restlive.bench.relay;

import io.restlive.schemas.AvroCodecs;
import io.restlive.schemas.ChangeEnvelope;
import io.restlive.schemas.ChangeOp;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The relay baseline as a process of its own ({@code java -jar rest-live-benchmarks.jar relay --bootstrap <servers>
 * --topic <changes topic> --model <model> --field <field> --port <port>}): a plain Kafka consumer of the changes
 * topic (every partition, from its end) feeding {@link Relay}, and a Reactor Netty WebSocket server at
 * {@code /ws/subscribe/} that takes the original protocol's list subscribes ({@code view_kwargs} holding the
 * field) and unsubscribes. It prints {@code relay listening on <port>} once both run.
 */
public final class RelayMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RelayMain() {
    }

    public static void main(String[] args) {
        Map<String, String> flags = new ConcurrentHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i], args[i + 1]);
        }
        String bootstrap = required(flags, "--bootstrap");
        String topic = required(flags, "--topic");
        String field = required(flags, "--field");
        Relay relay = new Relay(required(flags, "--model"), field);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread consuming = new Thread(() -> consume(consumer, relay), "relay-consumer");
        consuming.setDaemon(true);
        consuming.start();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(Integer.parseInt(required(flags, "--port")))
                .route(routes -> routes.ws("/ws/subscribe/", (in, out) -> {
                    Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();
                    Map<String, Held> held = new ConcurrentHashMap<>();
                    Mono<Void> inbound = in.receive().asString()
                            .doOnNext(text -> onText(relay, field, text, frames, held))
                            .doFinally(signal -> held.values().forEach(h -> relay.unsubscribe(h.value(), h.subscriber())))
                            .then();
                    return Mono.when(inbound.doFinally(s -> frames.tryEmitComplete()),
                            out.sendString(frames.asFlux()).then());
                }))
                .bindNow();
        System.out.println("relay listening on " + server.port());
        server.onDispose().block();
    }

    /** A connection's subscription, by id: the filter value it holds and where its frames go. */
    private record Held(String value, Relay.Subscriber subscriber) {
    }

    /** A subscribe (list, {@code view_kwargs: {<field>: v}}) or an unsubscribe; anything else is ignored. */
    private static void onText(Relay relay, String field, String text, Sinks.Many<String> frames,
                               Map<String, Held> held) {
        JsonNode message = JSON.readTree(text);
        String id = message.path("id").toString();
        String type = message.path("type").asString("");
        if (type.equals("subscribe")) {
            String value = message.path("view_kwargs").path(field).toString();
            Relay.Subscriber subscriber = new Relay.Subscriber(frame -> frames.emitNext(frame,
                    Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5))), id);
            held.put(id, new Held(value, subscriber));
            relay.subscribe(value, subscriber);
        } else if (type.equals("unsubscribe")) {
            Held gone = held.remove(id);
            if (gone != null) {
                relay.unsubscribe(gone.value(), gone.subscriber());
            }
        }
    }

    private static void consume(KafkaConsumer<byte[], byte[]> consumer, Relay relay) {
        while (true) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                try {
                    ChangeEnvelope change = AvroCodecs.decodeChange(record.value());
                    if (change.getOp() == ChangeOp.UPSERT) {
                        relay.upsert(change.getModel().toString(), change.getPk() instanceof Number n ? n.longValue()
                                : Long.parseLong(change.getPk().toString()), change.getInstance().toString());
                    }
                } catch (IOException | RuntimeException e) {
                    System.err.println("relay: skipped a record at offset " + record.offset() + ": " + e);
                }
            }
        }
    }

    private static String required(Map<String, String> flags, String name) {
        String value = flags.get(name);
        if (value == null) {
            throw new IllegalArgumentException("relay: " + name + " is required");
        }
        return value;
    }
}
