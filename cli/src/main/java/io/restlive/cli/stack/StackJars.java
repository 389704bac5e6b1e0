package io.restlive.cli.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build puts the executable jars the stack starts, relative to the project root.
 *
 * @param devBroker {@code dev-broker/target/rest-live-dev-broker.jar}
 * @param processor {@code subscription-processor/target/rest-live-subscription-processor.jar}
 * @param edge {@code ws-edge/target/rest-live-ws-edge.jar}
 * @param app {@code examples/todolist/target/rest-live-example-todolist.jar}, started only on request
 */
public record StackJars(Path devBroker, Path processor, Path edge, Path app) {

    /** The jars of the project rooted at {@code projectDir}. */
    public static StackJars in(Path projectDir) {
        Path root = projectDir.toAbsolutePath().normalize();
        return new StackJars(
                root.resolve("dev-broker/target/rest-live-dev-broker.jar"),
                root.resolve("subscription-processor/target/rest-live-subscription-processor.jar"),
                root.resolve("ws-edge/target/rest-live-ws-edge.jar"),
                root.resolve("examples/todolist/target/rest-live-example-todolist.jar"));
    }

    /**
     * Fails, naming the first missing jar and how to build it, unless every jar the stack needs exists.
     *
     * @param withBroker whether the stack starts the dev broker
     * @param withApp whether the stack starts the example app
     */
    void requireBuilt(boolean withBroker, boolean withApp) {
        if (withBroker) {
            require("broker", devBroker);
        }
        require("processor", processor);
        require("edge", edge);
        if (withApp) {
            require("app", app);
        }
    }

    private static void require(String name, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new StackStartException(name, "the " + name + " jar " + jar + " is missing; build it with"
                    + " './mvnw -B -q install -DskipTests' in the project root (./rest-live does it for you)");
        }
    }
}
