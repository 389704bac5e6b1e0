package io.restlive.e2e.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The dev broker (a single-node KRaft Kafka in its own JVM, topic auto-creation off) in place of the
 * Kafka a deployment brings: the cluster the chart is pointed at, Compose's {@code kafka} service.
 */
final class DevBroker implements AutoCloseable {

    private final LocalProcess process;
    private final int port;

    private DevBroker(LocalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it on free ports with its data under {@code workDir} and returns once clients can connect. */
    static DevBroker start(Path workDir) {
        List<Integer> ports = FreePorts.take(2);
        LocalProcess process = LocalProcess.start("broker", List.of(LocalProcess.java(), "-Xmx512m", "-jar",
                Project.jars().devBroker().toString(), "--port", String.valueOf(ports.get(0)),
                "--controller-port", String.valueOf(ports.get(1)), "--data-dir", workDir.resolve("broker").toString()),
                workDir, Map.of(), workDir.resolve("logs"));
        DevBroker broker = new DevBroker(process, ports.get(0));
        try {
            Probes.awaitPort(process, ports.get(0));
        } catch (RuntimeException | AssertionError e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:<port>}. */
    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    LocalProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
