package io.restlive.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * {@code listen '<frame>'...}: a minimal WebSocket client for trying the stack from a shell. It connects,
 * sends the given frames (subscribe, unsubscribe), and prints every frame it receives until Ctrl-C.
 */
final class ListenCommand {

    static final String DEFAULT_URL = "ws://127.0.0.1:8080/ws/subscribe/";

    private final CliContext context;

    ListenCommand(CliContext context) {
        this.context = context;
    }

    int run(List<String> args) throws UsageException, InterruptedException {
        CommandLine line = CommandLine.parse(args, Set.of("--url", "--token"), Set.of());
        if (line.positionals().isEmpty()) {
            throw new UsageException("give at least one frame to send, e.g. "
                    + "'{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\"}'");
        }
        URI url = URI.create(line.option("--url").orElse(DEFAULT_URL));
        CountDownLatch closed = new CountDownLatch(1);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        line.option("--token").ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        WebSocket socket;
        try {
            socket = builder.buildAsync(url, new Printer(closed)).join();
        } catch (CompletionException e) {
            context.err().println("rest-live listen: cannot connect to " + url + ": " + e.getCause());
            return RestLiveCli.EXIT_FAILURE;
        }
        context.out().println("connected to " + url);
        for (String frame : line.positionals()) {
            socket.sendText(frame, true).join();
            context.out().println("> " + frame);
        }
        closed.await();
        return RestLiveCli.EXIT_OK;
    }

    private final class Printer implements WebSocket.Listener {
        private final CountDownLatch closed;
        private final StringBuilder partial = new StringBuilder();

        Printer(CountDownLatch closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                context.out().println("< " + partial);
                context.out().flush();
                partial.setLength(0);
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            context.out().println("closed by the server: " + status + (reason.isEmpty() ? "" : " " + reason));
            closed.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            context.err().println("rest-live listen: " + error);
            closed.countDown();
        }
    }
}
