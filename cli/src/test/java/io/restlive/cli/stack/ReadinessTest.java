package io.restlive.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {

    @TempDir
    Path logs;

    @Test
    void shouldNameProcessAndShowItsLogWhenItExitsBeforeReady() {
        // given: a JVM that cannot start, as with a jar that was never built
        StackProcess process = new ProcessLauncher(List.of(), logs)
                .launch("processor", logs.resolve("missing.jar"), List.of(), Map.of());

        // then
        assertThatThrownBy(() -> new Readiness(Duration.ofSeconds(60)).awaitPort(process, PortPlan.free(1).brokerPort()))
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("processor exited with code 1 before it was ready")
                .hasMessageContaining("--- last ")
                .hasMessageContaining(logs.resolve("processor.log").toString())
                .hasMessageContaining("missing.jar");
        assertThat(logs.resolve("processor.log")).exists();
    }
}
