package io.restlive.e2e.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.e2e.support.StackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TypeScript client (clients/js) against the real stack with the todolist app: its integration tests
 * (clients/js/test/integration, node's test runner) connect to the edge, change data through the app's REST
 * API and check what the client's live collections hold. A v2 test whose feature the edge does not offer yet
 * skips with the feature named (seen from the edge's answers); those skips are printed and reported here.
 */
class JsClientIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withEdges(1, builder -> builder.withApp(true));

    private static final Duration NODE_TESTS_TIMEOUT = Duration.ofMinutes(10);

    @BeforeAll
    static void buildTheClient() {
        NodeCommands.buildClient();
    }

    @Test
    void shouldKeepLiveCollectionsOverProtocolV1(TestReporter reporter) {
        runIntegrationTests("v1.test.mjs", reporter);
    }

    @Test
    void shouldKeepLiveCollectionsOverProtocolV2(TestReporter reporter) {
        runIntegrationTests("v2.test.mjs", reporter);
    }

    private static void runIntegrationTests(String file, TestReporter reporter) {
        // when
        NodeCommands.Result result = NodeCommands.run(NodeCommands.CLIENT_JS,
                List.of("node", "--test", "test/integration/" + file),
                Map.of("REST_LIVE_WS_URL", STACK.subscribeUrl(1).toString(),
                        "REST_LIVE_APP_URL", STACK.stack().appUrl().toString(),
                        "REST_LIVE_JWT_SECRET", STACK.stack().jwtSecret()),
                NODE_TESTS_TIMEOUT, "js-client-" + file.replace(".test.mjs", ""));

        // then
        System.out.println("[e2e JsClientIT] node --test test/integration/" + file + " (log " + result.log() + "):\n"
                + result.output());
        List<String> skips = result.output().lines().filter(line -> line.contains("# SKIP")).toList();
        skips.forEach(skip -> reporter.publishEntry("skipped", skip.trim()));
        assertThat(result.exitCode()).as("node --test exit code; its output:\n" + result.output()).isZero();
        assertThat(result.output()).contains("# fail 0");
    }
}
