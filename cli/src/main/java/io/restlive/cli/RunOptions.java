package io.restlive.cli;

import java.util.List;
import java.util.Set;

/**
 * The arguments of {@code run}.
 *
 * @param views the views file, or {@code null} for the default
 * @param edges how many edges to start
 * @param processors how many processors to start
 * @param brokerPort the dev broker's port (its controller takes the next one)
 * @param processorPort the processor's HTTP port
 * @param edgePort the first edge's port
 * @param appPort the example app's port
 * @param stateDir where data and logs go, or {@code null} for {@code <project>/.state}
 * @param app whether to start the example app (yes unless {@code --no-app})
 * @param projectDir the project root, or {@code null} to find it
 */
record RunOptions(String views, int edges, int processors, int brokerPort, int processorPort, int edgePort, int appPort,
        String stateDir, boolean app, String projectDir) {

    private static final Set<String> VALUE_OPTIONS = Set.of("--views", "--edges", "--processors", "--broker-port",
            "--processor-port", "--edge-port", "--app-port", "--state-dir", "--project-dir");

    static RunOptions parse(List<String> args) throws UsageException {
        // --app is still accepted from before the app started by default.
        CommandLine line = CommandLine.parse(args, VALUE_OPTIONS, Set.of("--app", "--no-app"));
        if (line.flag("--app") && line.flag("--no-app")) {
            throw new UsageException("--app and --no-app contradict each other");
        }
        if (!line.positionals().isEmpty()) {
            throw new UsageException("unexpected argument '" + line.positionals().get(0) + "'");
        }
        return new RunOptions(
                line.option("--views").orElse(null),
                line.intOption("--edges", 1, 1),
                line.intOption("--processors", 1, 1),
                line.portOption("--broker-port", 9092),
                line.portOption("--processor-port", 8081),
                line.portOption("--edge-port", 8080),
                line.portOption("--app-port", 8000),
                line.option("--state-dir").orElse(null),
                !line.flag("--no-app"),
                line.option("--project-dir").orElse(null));
    }
}
