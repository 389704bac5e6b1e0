package io.restlive.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ports of a local stack, all on 127.0.0.1.
 *
 * <p>Processors take consecutive ports from the first processor port, then edges from the first edge
 * port, each skipping any port another process of the stack already has: with the defaults and one
 * processor, edge-1 is on 8080, edge-2 on 8082 and edge-3 on 8083, because the processor is on 8081; with
 * two processors (8081, 8082), edges are on 8080, 8083, ...
 *
 * @param brokerPort the dev broker's client port
 * @param controllerPort the dev broker's KRaft controller port
 * @param processorPorts the subscription processors' HTTP ports, the first processor first
 * @param edgePorts the edges' HTTP and WebSocket ports, edge-1 first
 * @param appPort the example app's HTTP port (used only when the stack runs the app)
 */
public record PortPlan(int brokerPort, int controllerPort, List<Integer> processorPorts, List<Integer> edgePorts,
                       int appPort) {

    public PortPlan {
        processorPorts = List.copyOf(processorPorts);
        edgePorts = List.copyOf(edgePorts);
    }

    /** The defaults of the run command: broker 9092 (controller 9093), processor 8081, edges from 8080, app 8000. */
    public static PortPlan defaults(int edges) {
        return fixed(9092, 8081, 8080, 8000, edges);
    }

    /** The first processor's port. */
    public int processorPort() {
        return processorPorts.get(0);
    }

    /** Ports from the given bases for one processor; see {@link #fixed(int, int, int, int, int, int)}. */
    public static PortPlan fixed(int brokerPort, int processorPort, int firstEdgePort, int appPort, int edges) {
        return fixed(brokerPort, processorPort, firstEdgePort, appPort, edges, 1);
    }

    /**
     * Ports from the given bases; the controller takes the port after the broker's.
     *
     * @throws IllegalArgumentException if two processes would share a port or a port is out of range
     */
    public static PortPlan fixed(int brokerPort, int processorPort, int firstEdgePort, int appPort, int edges,
                                 int processors) {
        if (edges < 1) {
            throw new IllegalArgumentException("the stack needs at least one edge, not " + edges);
        }
        if (processors < 1) {
            throw new IllegalArgumentException("the stack needs at least one processor, not " + processors);
        }
        int controllerPort = brokerPort + 1;
        Set<Integer> taken = new HashSet<>(List.of(brokerPort, controllerPort, processorPort, appPort));
        if (taken.size() < 4) {
            throw new IllegalArgumentException("the broker (" + brokerPort + " and " + controllerPort
                    + "), the processor (" + processorPort + ") and the app (" + appPort + ") need distinct ports");
        }
        List<Integer> processorPorts = new ArrayList<>(List.of(processorPort));
        for (int port = processorPort + 1; processorPorts.size() < processors; port++) {
            if (taken.add(port)) {
                processorPorts.add(port);
            }
        }
        List<Integer> edgePorts = new ArrayList<>();
        for (int port = firstEdgePort; edgePorts.size() < edges; port++) {
            if (!taken.contains(port)) {
                edgePorts.add(port);
            }
        }
        PortPlan plan = new PortPlan(brokerPort, controllerPort, processorPorts, edgePorts, appPort);
        plan.checkRange();
        return plan;
    }

    /** Ports the operating system reports free right now, for one processor. */
    public static PortPlan free(int edges) {
        return free(edges, 1);
    }

    /** Ports the operating system reports free right now: for tests that run beside other stacks. */
    public static PortPlan free(int edges, int processors) {
        // All sockets stay open until every port is chosen, so that the ports are distinct.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 3 + processors + edges; i++) {
                sockets.add(new ServerSocket(0));
            }
            List<Integer> ports = sockets.stream().map(ServerSocket::getLocalPort).toList();
            return new PortPlan(ports.get(0), ports.get(1), ports.subList(3, 3 + processors),
                    ports.subList(3 + processors, ports.size()), ports.get(2));
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        } finally {
            sockets.forEach(PortPlan::closeQuietly);
        }
    }

    /**
     * Fails unless every port of the processes to start is free on 127.0.0.1. A taken port would let a
     * leftover process (an earlier run, another Kafka) look ready in place of the one just started.
     *
     * @throws StackStartException naming the process and the port
     */
    void requireFree(boolean withBroker, boolean withApp) {
        if (withBroker) {
            requireFree("broker", brokerPort);
            requireFree("broker", controllerPort);
        }
        for (int i = 0; i < processorPorts.size(); i++) {
            requireFree(LocalStack.processorName(i + 1, processorPorts.size()), processorPorts.get(i));
        }
        for (int i = 0; i < edgePorts.size(); i++) {
            requireFree("edge-" + (i + 1), edgePorts.get(i));
        }
        if (withApp) {
            requireFree("app", appPort);
        }
    }

    private static void requireFree(String name, int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // Binding is the check; closing the probe frees the port for the process.
        } catch (IOException e) {
            throw new StackStartException(name, "port " + port + " for " + name + " is already in use on 127.0.0.1"
                    + " (an earlier run still going? another Kafka or server?); stop it or choose other ports");
        }
    }

    private void checkRange() {
        List<Integer> all = new ArrayList<>(List.of(brokerPort, controllerPort, appPort));
        all.addAll(processorPorts);
        all.addAll(edgePorts);
        for (int port : all) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range (1-65535)");
            }
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Only a probe: the port is free again either way.
        }
    }
}
