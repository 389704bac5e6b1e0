package io.restlive.edge.testing;

import io.restlive.edge.auth.AuthenticatingWebSocketService;
import io.restlive.edge.auth.ConnectionCaps;
import io.restlive.edge.auth.OriginPolicy;
import io.restlive.edge.auth.TokenAuthenticator;
import io.restlive.edge.metrics.EdgeMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An edge's handshake and one handler on a real Reactor Netty server on a free loopback port, and a JDK
 * WebSocket client for it: what a browser sees (HTTP statuses, close codes) without Spring's context.
 */
public final class TestEdgeServer implements AutoCloseable {

    private final Scheduler blockingThreads = Schedulers.newBoundedElastic(8, 1000, "test-handshake");
    private final DisposableServer server;

    public TestEdgeServer(TokenAuthenticator authenticator, OriginPolicy origins, ConnectionCaps caps,
                          EdgeMetrics metrics, WebSocketHandler handler) {
        AuthenticatingWebSocketService service = new AuthenticatingWebSocketService(authenticator,
                new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy()), blockingThreads, origins, caps,
                metrics);
        HttpHandler http = WebHttpHandlerBuilder.webHandler(exchange -> service.handleRequest(exchange, handler)).build();
        server = HttpServer.create().host("127.0.0.1").port(0).handle(new ReactorHttpHandlerAdapter(http)).bindNow();
    }

    /** Connects with these handshake headers; the HTTP status of a refused handshake is in {@link Client#refusedWith}. */
    public Client connect(Map<String, String> headers) {
        return connect("", headers);
    }

    /** Connects to {@code /ws/<query>} with these handshake headers. */
    public Client connect(String query, Map<String, String> headers) {
        Client client = new Client();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        try {
            client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/" + query), client)
                    .orTimeout(30, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                client.refusedWith = refused.getResponse().statusCode();
                client.retryAfter = refused.getResponse().headers().firstValue("Retry-After").orElse(null);
            } else {
                throw e;
            }
        }
        return client;
    }

    @Override
    public void close() {
        server.disposeNow();
        blockingThreads.dispose();
    }

    /** A client connection: its frames, its close, or the status its handshake was refused with. */
    public static final class Client implements WebSocket.Listener, AutoCloseable {

        /** The HTTP status of a refused handshake; 0 if it was accepted. */
        public int refusedWith;
        /** The {@code Retry-After} header of a refused handshake, or null. */
        public String retryAfter;
        /** Text frames received. */
        public final List<String> frames = new CopyOnWriteArrayList<>();
        /** Completes with "code reason" when the server closes the connection. */
        public final CompletableFuture<String> closed = new CompletableFuture<>();
        private WebSocket socket;

        public boolean accepted() {
            return socket != null;
        }

        public void send(String text) {
            socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        }

        /** Sends a binary frame. */
        public void sendBinary(byte[] bytes) {
            socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
        }

        /** Whether the connection can still send. */
        public boolean open() {
            return socket != null && !socket.isOutputClosed() && !closed.isDone();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frames.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("-1 " + error);
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
