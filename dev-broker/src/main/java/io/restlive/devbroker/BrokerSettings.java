package io.restlive.devbroker;

import java.nio.file.Path;
import java.util.Properties;

/**
 * What the dev broker listens on and where it keeps its data, parsed from its command line.
 *
 * @param port the PLAINTEXT listener's port on 127.0.0.1, the one clients bootstrap from
 * @param controllerPort the KRaft controller listener's port on 127.0.0.1
 * @param dataDir the absolute directory holding the log segments and the metadata log
 */
public record BrokerSettings(int port, int controllerPort, Path dataDir) {

    /** Usage text, printed when the arguments are wrong. */
    public static final String USAGE =
            "usage: java -jar rest-live-dev-broker.jar [--port 9092] [--controller-port 9093] [--data-dir .state/broker]";

    private static final int NODE_ID = 1;

    public BrokerSettings {
        checkPort("--port", port);
        checkPort("--controller-port", controllerPort);
        if (port == controllerPort) {
            throw new IllegalArgumentException("--port and --controller-port must differ (both are " + port + ")");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    /**
     * Parses {@code --port}, {@code --controller-port} and {@code --data-dir}; a relative data dir is
     * resolved against {@code cwd}.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static BrokerSettings parse(String[] args, Path cwd) {
        int port = 9092;
        int controllerPort = 9093;
        Path dataDir = cwd.resolve(".state/broker");
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--port" -> port = parsePort(name, value);
                case "--controller-port" -> controllerPort = parsePort(name, value);
                case "--data-dir" -> dataDir = cwd.resolve(value);
                default -> throw new IllegalArgumentException("unknown argument " + name);
            }
        }
        return new BrokerSettings(port, controllerPort, dataDir);
    }

    /** {@code 127.0.0.1:<port>}, what clients use as {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * The server configuration: one node that is both broker and controller, a single static voter, and
     * the settings a one-broker cluster needs (replication factor 1 everywhere, no rebalance delay).
     * Topics are never auto-created: rest-live's apps create theirs with explicit partition counts.
     */
    public Properties serverProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // A static voter (not a dynamic quorum): it is read from this config at every start, so
        // restarting on another --controller-port keeps working with the same data dir.
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        // Fewer partitions than the default 50: the first consumer group on a fresh broker is ready sooner.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    private static int parsePort(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 1 and 65535, not " + port);
        }
    }
}
