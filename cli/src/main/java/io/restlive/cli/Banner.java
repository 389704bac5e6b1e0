package io.restlive.cli;

import io.restlive.cli.stack.LocalStack;
import io.restlive.core.views.Endpoint;
import io.restlive.core.views.ViewsFile;
import io.restlive.schemas.TopicNames;

/** What {@code run} prints once the stack is ready: where to connect, what to send, how to publish. */
final class Banner {

    private Banner() {
    }

    static String text(LocalStack stack, ViewsFile views, boolean devSecret) {
        String path = views.endpoints().stream().map(Endpoint::path).findFirst().orElse(ViewsFile.DEFAULT_ENDPOINT);
        String model = views.views().isEmpty() ? "todolist.Task" : views.views().get(0).model();
        StringBuilder out = new StringBuilder("\nrest-live is running. Ctrl-C stops every process.\n\n");
        out.append("  broker     ").append(stack.bootstrapServers())
                .append(stack.startsBroker() ? " (dev broker)" : " (REST_LIVE_BOOTSTRAP_SERVERS)").append('\n');
        for (int n = 1; n <= stack.processorCount(); n++) {
            String name = LocalStack.processorName(n, stack.processorCount());
            out.append("  ").append(name).append(" ".repeat(Math.max(1, 11 - name.length())))
                    .append(stack.processorUrls().get(n - 1)).append('\n');
        }
        for (int edge = 1; edge <= stack.edgeCount(); edge++) {
            out.append("  edge-").append(edge).append("     ").append(stack.webSocketUrl(edge, path)).append('\n');
        }
        if (stack.startsApp()) {
            out.append("  app        ").append(stack.appUrl()).append("/ (todolist example: live page; REST API under /api/)\n");
        }
        out.append("  views      ").append(stack.viewsFile()).append('\n');
        out.append("  logs       ").append(stack.stateDir().resolve("logs")).append('\n');
        out.append("  JWT secret ").append(devSecret
                ? LocalStack.DEV_JWT_SECRET + " (development default; set REST_LIVE_JWT_SECRET to change it)"
                : "from REST_LIVE_JWT_SECRET").append("\n\n");
        out.append("Watch ").append(model).append(" live from another terminal (any WebSocket client works):\n  ")
                .append("./rest-live listen");
        if (!stack.webSocketUrl(1, path).toString().equals("ws://127.0.0.1:8080" + path)) {
            out.append(" --url ").append(stack.webSocketUrl(1, path));
        }
        out.append(" '{\"type\":\"subscribe\",\"id\":1,\"model\":\"").append(model)
                .append("\",\"action\":\"list\"}'\n\n");
        if (stack.startsApp()) {
            String api = stack.appUrl() + "/api/";
            out.append("Change data through the example app (it publishes after each commit):\n")
                    .append("  curl -X POST -H 'Content-Type: application/json' -d '{\"name\":\"Groceries\"}' ")
                    .append(api).append("lists/\n")
                    .append("  curl -X POST -H 'Content-Type: application/json' -d '{\"text\":\"Buy milk\",\"list\":1}' ")
                    .append(api).append("tasks/\n\n");
        }
        out.append("Or publish a change envelope directly:\n  ").append(publishCommand(stack, model)).append('\n');
        return out.toString();
    }

    private static String publishCommand(LocalStack stack, String model) {
        StringBuilder command = new StringBuilder("./rest-live publish");
        if (!stack.bootstrapServers().equals(PublishOptions.DEFAULT_BOOTSTRAP_SERVERS)) {
            command.append(" --bootstrap-servers ").append(stack.bootstrapServers());
        }
        if (!stack.topicPrefix().equals(TopicNames.DEFAULT_PREFIX)) {
            command.append(" --topic-prefix ").append(stack.topicPrefix());
        }
        String instance = model.equals("todolist.Task")
                ? "{\"id\":1,\"text\":\"Buy milk\",\"done\":false}"
                : "{\"id\":1}";
        return command.append(" '{\"model\":\"").append(model).append("\",\"pk\":1,\"op\":\"UPSERT\",\"instance\":")
                .append(instance).append("}'").toString();
    }
}
