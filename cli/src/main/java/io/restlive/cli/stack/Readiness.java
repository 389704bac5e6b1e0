package io.restlive.cli.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits, with a bound, until a started process answers: a TCP port that accepts, or an HTTP 200. */
final class Readiness {

    private static final int TAIL_LINES = 40;
    private static final Duration POLL = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Duration timeout;

    Readiness(Duration timeout) {
        this.timeout = timeout;
    }

    /** Returns once {@code 127.0.0.1:port} accepts connections. */
    void awaitPort(StackProcess process, int port) {
        await(process, "127.0.0.1:" + port + " to accept connections", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return null;
            } catch (IOException e) {
                return e.getMessage();
            }
        });
    }

    /** Returns once {@code GET url} answers 200. */
    void awaitHttpOk(StackProcess process, URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
        await(process, "GET " + url + " to answer 200", () -> {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? null : "status " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    /** A check returns {@code null} when ready, or why it is not ready yet. */
    private interface Check {
        String notReadyBecause() throws InterruptedException;
    }

    private void await(StackProcess process, String what, Check check) {
        Instant deadline = Instant.now().plus(timeout);
        String lastReason = "not checked yet";
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new StackStartException(process.name(), process.name() + " exited with code "
                            + process.exitValue() + " before it was ready\n" + process.logTail(TAIL_LINES));
                }
                lastReason = check.notReadyBecause();
                if (lastReason == null) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new StackStartException(process.name(), process.name() + " was not ready within "
                            + timeout.toSeconds() + " s (waited for " + what + "; last: " + lastReason + ")\n"
                            + process.logTail(TAIL_LINES));
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException(process.name(), "interrupted while waiting for " + process.name());
        }
    }
}
