package io.restlive.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP proxy between the edges and the processor's {@code /internal/lookup} that can act after the
 * processor answered a lookup and before the edge gets the answer: the window of the subscribe/change
 * race, which is otherwise milliseconds wide, made as wide as a test needs, with no hook in the product.
 */
public final class LookupInterceptor implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<URI> processor = new AtomicReference<>();
    private final AtomicReference<Runnable> beforeNextAnswer = new AtomicReference<>();
    private final AtomicInteger intercepted = new AtomicInteger();
    private final AtomicReference<Throwable> actionFailure = new AtomicReference<>();

    private LookupInterceptor(HttpServer server) {
        this.server = server;
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts the proxy on a free loopback port; it forwards once {@link #forwardTo} names the processor. */
    public static LookupInterceptor start() {
        try {
            return new LookupInterceptor(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the lookup proxy", e);
        }
    }

    /** Where edges should send lookups (their {@code REST_LIVE_PROCESSOR_URL}). */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The processor the proxy forwards to. */
    public void forwardTo(URI processorUrl) {
        processor.set(processorUrl);
    }

    /** Runs {@code action} once, after the processor answers the next lookup and before the edge gets it. */
    public void beforeNextAnswer(Runnable action) {
        beforeNextAnswer.set(action);
    }

    /** How many answers an action held back. */
    public int intercepted() {
        return intercepted.get();
    }

    /** Throws what an action threw, if one failed: its test would otherwise wait for the wrong thing. */
    public void assertActionsSucceeded() {
        Throwable failure = actionFailure.getAndSet(null);
        if (failure != null) {
            throw new AssertionError("an action run before a lookup answer failed: " + failure, failure);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI target = processor.get();
            if (target == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            HttpRequest.Builder forwarded = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(10)).GET();
            // The edge's internal secret goes on to the processor, which checks it.
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                forwarded.header("Authorization", authorization);
            }
            HttpRequest request = forwarded.build();
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Runnable action = exchange.getRequestURI().getPath().startsWith("/internal/lookup")
                    ? beforeNextAnswer.getAndSet(null) : null;
            if (action != null) {
                try {
                    action.run();
                } catch (RuntimeException | AssertionError e) {
                    actionFailure.set(e);
                }
                intercepted.incrementAndGet();
            }
            answer.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(answer.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
