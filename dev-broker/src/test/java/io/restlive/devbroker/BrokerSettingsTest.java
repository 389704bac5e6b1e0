package io.restlive.devbroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    private static final Path CWD = Path.of("/work/app");

    @Test
    void shouldUseDefaultPortsAndStateDirWhenNoArguments() {
        BrokerSettings settings = BrokerSettings.parse(new String[0], CWD);

        assertThat(settings.port()).isEqualTo(9092);
        assertThat(settings.controllerPort()).isEqualTo(9093);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/work/app/.state/broker"));
    }

    @Test
    void shouldResolveRelativeDataDirAgainstWorkingDirectory() {
        BrokerSettings settings = BrokerSettings.parse(
                new String[] {"--port", "19092", "--controller-port", "19093", "--data-dir", "tmp/../b"}, CWD);

        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(settings.dataDir()).isEqualTo(Path.of("/work/app/b"));
    }

    @Test
    void shouldConfigureOneNodeWithoutTopicAutoCreation() {
        Properties props = BrokerSettings.parse(new String[] {"--port", "19092"}, CWD).serverProperties();

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("num.partitions", "1");
    }

    @Test
    void shouldRejectUnknownArgumentAndNameIt() {
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--prot", "1"}, CWD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown argument --prot");
    }

    @Test
    void shouldRejectPortThatIsNotANumber() {
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--port", "abc"}, CWD))
                .hasMessage("--port must be a port number, not 'abc'");
    }

    @Test
    void shouldRejectMissingValue() {
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--data-dir"}, CWD))
                .hasMessage("missing value after --data-dir");
    }

    @Test
    void shouldRejectSamePortForClientsAndController() {
        assertThatThrownBy(() -> BrokerSettings.parse(new String[] {"--port", "9093"}, CWD))
                .hasMessageContaining("must differ");
    }
}
