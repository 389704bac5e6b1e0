package io.restlive.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsParserTest {

    @Test
    void shouldKeepTheDefaultsWhenNoFlagIsGiven() {
        // when
        BenchmarkOptions options = OptionsParser.parse();

        // then
        assertThat(options).isEqualTo(BenchmarkOptions.defaults());
        assertThat(options.scenarios()).isEqualTo(BenchmarkOptions.ALL_SCENARIOS);
    }

    @Test
    void shouldReadListsNumbersAndDurations() {
        // when
        BenchmarkOptions options = OptionsParser.parse("--scenarios", "fanout,floor", "--rates", "10, 20,1_000",
                "--step-seconds", "3", "--connections", "50", "--stack-java-options", "-Xmx1g -XX:+UseZGC");

        // then
        assertThat(options.scenarios()).containsExactly("fanout", "floor");
        assertThat(options.rates()).containsExactly(10, 20, 1000);
        assertThat(options.stepDuration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.connections()).isEqualTo(50);
        assertThat(options.stackJavaOptions()).containsExactly("-Xmx1g", "-XX:+UseZGC");
    }

    @Test
    void shouldGiveBackTheFlagsThatMakeTheOptions() {
        // given
        BenchmarkOptions options = OptionsParser.parse("--rates", "5,6", "--edges", "2");

        // when
        List<String> args = options.asFlags().entrySet().stream()
                .filter(flag -> !flag.getValue().isEmpty())
                .flatMap(flag -> List.of(flag.getKey(), flag.getValue()).stream())
                .toList();

        // then
        assertThat(OptionsParser.parse(args.toArray(String[]::new))).isEqualTo(options);
    }

    @Test
    void shouldNameTheFlagThatIsWrong() {
        assertThatThrownBy(() -> OptionsParser.parse("--conections", "5"))
                .hasMessageContaining("unknown flag --conections");
        assertThatThrownBy(() -> OptionsParser.parse("--rates", "fast"))
                .hasMessageContaining("--rates expects a number");
        assertThatThrownBy(() -> OptionsParser.parse("--edges"))
                .hasMessageContaining("missing value after --edges");
        assertThatThrownBy(() -> OptionsParser.parse("--scenarios", "fanout,nap"))
                .hasMessageContaining("unknown scenario 'nap'");
        assertThatThrownBy(() -> OptionsParser.parse("--storm-protocol", "v3"))
                .hasMessageContaining("--storm-protocol must be v1 or v2");
        assertThatThrownBy(() -> OptionsParser.parse("--abuse-rounds", "0"))
                .hasMessageContaining("--abuse-rounds must be at least 1");
        assertThatThrownBy(() -> OptionsParser.parse("--connections", "0"))
                .hasMessageContaining("--connections must be at least 1");
    }
}
