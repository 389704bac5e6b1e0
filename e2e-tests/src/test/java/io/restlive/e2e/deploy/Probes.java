package io.restlive.e2e.deploy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a kubelet or Compose does with a health check: poll until it passes, with a bound. A process that
 * exits meanwhile fails the wait at once, with its log.
 */
final class Probes {

    /** Generous: the machine has two cores and other builds run on it. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Probes() {
    }

    /** Waits until {@code GET url} answers 2xx or 3xx, as an HTTP probe (and {@code curl -f}) counts success. */
    static void awaitHttpOk(LocalProcess process, URI url) {
        await(process.name() + " to answer " + url).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .failFast(() -> requireAlive(process))
                .until(() -> succeeds(url));
    }

    /** Waits until {@code 127.0.0.1:port} accepts connections. */
    static void awaitPort(LocalProcess process, int port) {
        await(process.name() + " to accept connections on " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .failFast(() -> requireAlive(process))
                .until(() -> accepts(port));
    }

    /** Fails, with the end of its log, if the process has exited. */
    static void requireAlive(LocalProcess process) {
        if (!process.isAlive()) {
            throw new AssertionError(process.name() + " exited before it was ready:\n" + process.logTail(40));
        }
    }

    /** One HTTP probe: whether {@code GET url} answers 200-399. */
    static boolean succeeds(URI url) {
        int status = status(url);
        return status >= 200 && status < 400;
    }

    /** The status of {@code GET url}, or -1 if nothing answers. */
    static int status(URI url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of {@code GET url}; fails unless it answers 200. */
    static String body(URI url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
