package io.restlive.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortPlanTest {

    @Test
    void shouldSkipProcessorPortWhenNumberingEdges() {
        PortPlan plan = PortPlan.defaults(3);

        assertThat(plan.brokerPort()).isEqualTo(9092);
        assertThat(plan.controllerPort()).isEqualTo(9093);
        assertThat(plan.processorPort()).isEqualTo(8081);
        assertThat(plan.edgePorts()).containsExactly(8080, 8082, 8083);
    }

    @Test
    void shouldSkipEveryPortTakenByAnotherProcess() {
        PortPlan plan = PortPlan.fixed(7001, 7003, 7000, 7004, 3);

        assertThat(plan.edgePorts()).containsExactly(7000, 7005, 7006);
    }

    @Test
    void shouldRejectSharedPorts() {
        assertThatThrownBy(() -> PortPlan.fixed(9092, 9093, 8080, 8000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need distinct ports");
    }

    @Test
    void shouldRejectNoEdges() {
        assertThatThrownBy(() -> PortPlan.fixed(9092, 8081, 8080, 8000, 0))
                .hasMessage("the stack needs at least one edge, not 0");
    }

    @Test
    void shouldPickDistinctFreePorts() {
        PortPlan plan = PortPlan.free(2);

        Set<Integer> all = new HashSet<>(List.of(plan.brokerPort(), plan.controllerPort(), plan.processorPort(), plan.appPort()));
        all.addAll(plan.edgePorts());
        assertThat(all).hasSize(6);
    }

    @Test
    void shouldNameProcessWhosePortIsTaken() throws Exception {
        PortPlan plan = PortPlan.free(1);
        try (ServerSocket taken = new ServerSocket(plan.edgePorts().get(0), 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> plan.requireFree(true, false))
                    .isInstanceOf(StackStartException.class)
                    .hasMessageStartingWith("port " + taken.getLocalPort() + " for edge-1 is already in use");
        }
    }
}
