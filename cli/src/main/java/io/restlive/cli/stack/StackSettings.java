package io.restlive.cli.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything a {@link LocalStack} needs, as its builder collected it.
 *
 * @param jars the executable jars
 * @param viewsFile the absolute path of the views file the processor and the edges load
 * @param ports the ports of every process
 * @param stateDir the directory holding the broker's data, the processor's state and the logs
 * @param topicPrefix the prefix of rest-live's topic names
 * @param externalBootstrapServers an existing cluster to use instead of the dev broker, or {@code null}
 * @param jwtSecret the secret the edges verify tokens with
 * @param internalSecret the secret the edges present to the processor's {@code /internal/**} endpoints
 * @param processorEnv extra environment of the processor
 * @param edgeEnv extra environment of every edge
 * @param appEnv extra environment of the example app
 * @param withApp whether to start the example app too
 * @param readyTimeout how long each process may take to become ready
 * @param javaOptions JVM options of every process
 * @param progress where to report what the stack is doing, one line at a time
 */
record StackSettings(
        StackJars jars,
        Path viewsFile,
        PortPlan ports,
        Path stateDir,
        String topicPrefix,
        String externalBootstrapServers,
        String jwtSecret,
        String internalSecret,
        Map<String, String> processorEnv,
        Map<String, String> edgeEnv,
        Map<String, String> appEnv,
        boolean withApp,
        Duration readyTimeout,
        List<String> javaOptions,
        Consumer<String> progress) {

    boolean startsBroker() {
        return externalBootstrapServers == null;
    }

    String bootstrapServers() {
        return startsBroker() ? "127.0.0.1:" + ports.brokerPort() : externalBootstrapServers;
    }

    Path logDir() {
        return stateDir.resolve("logs");
    }
}
