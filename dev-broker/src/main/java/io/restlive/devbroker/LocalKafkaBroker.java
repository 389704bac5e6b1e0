package io.restlive.devbroker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one real KRaft Kafka node (broker and controller in one) on 127.0.0.1 until SIGTERM or Ctrl-C.
 *
 * <p>It formats its data directory on first start, prints {@code rest-live dev broker ready on
 * 127.0.0.1:<port>} once clients can connect, and shuts down cleanly on a signal. The run command and the
 * e2e tests start it as a separate process, the way they start the processor and the edges.
 */
public final class LocalKafkaBroker {

    /** The line printed on stdout when the broker accepts clients; followed by {@code 127.0.0.1:<port>}. */
    public static final String READY_LINE = "rest-live dev broker ready on ";

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        BrokerSettings settings;
        try {
            settings = BrokerSettings.parse(args, Path.of(""));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BrokerSettings.USAGE);
            System.exit(2);
            return;
        }
        Instant started = Instant.now();
        if (StorageFormat.formatIfMissing(settings)) {
            log.info("Formatted a new single-node cluster in {}", settings.dataDir());
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(settings.serverProperties(), false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "dev-broker-shutdown"));
        try {
            server.startup();
            awaitPort(settings.port());
        } catch (RuntimeException | IOException e) {
            log.error("The dev broker did not start on {}", settings.bootstrapServers(), e);
            System.exit(1);
        }
        log.info("Started in {} ms, data in {}", Duration.between(started, Instant.now()).toMillis(), settings.dataDir());
        System.out.println(READY_LINE + settings.bootstrapServers());
        System.out.flush();
        server.awaitShutdown();
    }

    private static void awaitPort(int port) throws IOException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("port " + port + " did not accept connections within " + READY_TIMEOUT, e);
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker's port", e);
        }
    }
}
