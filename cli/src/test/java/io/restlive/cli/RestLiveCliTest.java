package io.restlive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestLiveCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CliContext context = new CliContext(Map.of(), dir, null, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return RestLiveCli.run(List.of(args), context);
    }

    @Test
    void shouldPrintUsageForHelp() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: ./rest-live <command>", "check-views FILE");
    }

    @Test
    void shouldExitWithUsageCodeForUnknownCommand() {
        assertThat(run("start")).isEqualTo(RestLiveCli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'start'", "./rest-live help");
    }

    @Test
    void shouldReportViewAndEndpointCountsOfValidViewsFile() throws IOException {
        Files.writeString(dir.resolve("views.yaml"), """
                views:
                  - name: tasks
                    model: todolist.Task
                    serializers:
                      - fields: [id, text]
                """);

        assertThat(run("check-views", "views.yaml")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("OK: 1 views, 1 endpoints" + System.lineSeparator());
    }

    @Test
    void shouldPrintLoaderMessageAndFailForInvalidViewsFile() throws IOException {
        Files.writeString(dir.resolve("views.yaml"), """
                views:
                  - name: tasks
                    model: todolist.Task
                    queryset: "instance.done =="
                """);

        assertThat(run("check-views", "views.yaml")).isEqualTo(RestLiveCli.EXIT_FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tasks", "queryset");
    }

    @Test
    void shouldRejectInvalidEnvelopeBeforeContactingBroker() {
        assertThat(run("publish", "--bootstrap-servers", "127.0.0.1:1", "{\"model\":\"\",\"pk\":1}"))
                .isEqualTo(RestLiveCli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("invalid change envelope: 'model' must be");
    }
}
