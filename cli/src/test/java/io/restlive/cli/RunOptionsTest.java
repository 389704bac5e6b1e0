package io.restlive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

    @Test
    void shouldUseDefaultsWhenNoOptions() throws UsageException {
        RunOptions options = RunOptions.parse(List.of());

        assertThat(options).isEqualTo(new RunOptions(null, 1, 1, 9092, 8081, 8080, 8000, null, true, null));
    }

    @Test
    void shouldParseEveryOptionInBothSpellings() throws UsageException {
        RunOptions options = RunOptions.parse(List.of("--views", "v.yaml", "--edges=3", "--processors", "2", "--broker-port", "19092",
                "--processor-port", "18081", "--edge-port=18080", "--app-port", "18000", "--state-dir", "/tmp/s",
                "--no-app", "--project-dir", "/src/rest-live"));

        assertThat(options).isEqualTo(
                new RunOptions("v.yaml", 3, 2, 19092, 18081, 18080, 18000, "/tmp/s", false, "/src/rest-live"));
    }

    @Test
    void shouldRejectAppAndNoAppTogether() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--app", "--no-app")))
                .hasMessage("--app and --no-app contradict each other");
    }

    @Test
    void shouldRejectUnknownOptionByName() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--edge", "2")))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option --edge");
    }

    @Test
    void shouldRejectZeroEdges() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--edges", "0")))
                .hasMessage("--edges must be at least 1, not 0");
    }

    @Test
    void shouldRejectPortOutOfRange() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--edge-port", "70000")))
                .hasMessage("--edge-port must be a port between 1 and 65535, not 70000");
    }

    @Test
    void shouldRejectNonNumericValue() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--edges", "two")))
                .hasMessage("--edges must be a whole number, not 'two'");
    }

    @Test
    void shouldRejectMissingValueAndRepeatedOption() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--views"))).hasMessage("missing value after --views");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--edges", "1", "--edges", "2")))
                .hasMessage("--edges is given twice");
    }

    @Test
    void shouldRejectPositionalArgument() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("views.yaml")))
                .hasMessage("unexpected argument 'views.yaml'");
    }
}
