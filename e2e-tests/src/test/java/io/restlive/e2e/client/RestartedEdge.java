package io.restlive.e2e.client;

import io.restlive.cli.stack.LocalStack;
import io.restlive.cli.stack.StackProcess;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An edge of a stack stopped (SIGTERM, as a rolling deploy does) and started again on the same port with the
 * same settings ({@link LocalStack#startEdge}); the stack stops it with the rest.
 */
final class RestartedEdge {

    private RestartedEdge() {
    }

    /** Stops edge {@code edge} (1-based) of {@code stack}, waits until it is gone, then starts it again. */
    static StackProcess restart(LocalStack stack, int edge) throws InterruptedException {
        String name = "edge-" + edge;
        StackProcess running = stack.processes().stream()
                .filter(p -> (p.name().equals(name) || p.name().startsWith(name + "-run")) && p.isAlive())
                .findFirst().orElseThrow();
        ProcessHandle handle = ProcessHandle.of(running.pid()).orElseThrow();
        handle.destroy();
        try {
            running.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            handle.destroyForcibly();
            running.onExit().join();
        }
        return stack.startEdge(edge);
    }
}
