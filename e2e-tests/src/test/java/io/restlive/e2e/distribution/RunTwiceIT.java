package io.restlive.e2e.distribution;

import io.restlive.cli.stack.LocalStack;
import io.restlive.cli.stack.PortPlan;
import io.restlive.e2e.support.StackExtension;
import io.restlive.e2e.support.TodolistApi;
import io.restlive.e2e.support.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The run command's stack run twice on one state directory behaves like the first run: the example app keeps
 * its data beside the broker's and the processor's (ids and versions go on), so the second run's changes are
 * not dropped as stale and a listener gets their frames.
 */
class RunTwiceIT {

    @Test
    void shouldDeliverFramesOnTheSecondRunOfTheSameState() throws Exception {
        Path project = Path.of("..").toAbsolutePath().normalize();
        Path state = Files.createDirectories(project.resolve("e2e-tests/target/e2e/RunTwiceIT-"
                + UUID.randomUUID().toString().substring(0, 8)));
        long task;
        try (LocalStack first = stack(project, state)) {
            first.start();
            TodolistApi api = new TodolistApi(first.appUrl());
            long list = api.create("/api/lists/", "{\"name\":\"Groceries\"}").get("id").asLong();
            try (WsClient client = listen(first, list)) {
                task = api.create("/api/tasks/", "{\"text\":\"Buy eggs\",\"list\":" + list + "}").get("id").asLong();
                client.awaitFrame(f -> action(f, "CREATED"));
                api.patch("/api/tasks/" + task + "/", "{\"done\":true}");
                client.awaitFrame(f -> action(f, "UPDATED"));
            }
        }
        try (LocalStack second = stack(project, state)) {
            second.start();
            TodolistApi api = new TodolistApi(second.appUrl());
            long list = api.create("/api/lists/", "{\"name\":\"Hardware\"}").get("id").asLong();
            try (WsClient client = listen(second, list)) {
                long another = api.create("/api/tasks/", "{\"text\":\"Buy nails\",\"list\":" + list + "}").get("id").asLong();
                client.awaitFrame(f -> action(f, "CREATED") && f.get("instance").get("id").asLong() == another);
                // the first run's task, changed again: its version goes on from the first run's
                api.patch("/api/tasks/" + task + "/", "{\"list\":" + list + "}");
                client.awaitFrame(f -> action(f, "CREATED") && f.get("instance").get("id").asLong() == task);
            }
        }
    }

    private static boolean action(tools.jackson.databind.JsonNode frame, String action) {
        return "broadcast".equals(frame.get("type").asString()) && action.equals(frame.get("action").asString());
    }

    private static WsClient listen(LocalStack stack, long list) {
        WsClient client = WsClient.connect(stack.webSocketUrl(1, StackExtension.SUBSCRIBE_PATH));
        client.send("{\"type\":\"subscribe\",\"id\":1,\"model\":\"todolist.Task\",\"action\":\"list\","
                + "\"view_kwargs\":{\"list\":" + list + "}}");
        client.send("{\"type\":\"unsubscribe\",\"id\":\"sync\"}");
        client.awaitFrame(f -> "error".equals(f.get("type").asString()));
        return client;
    }

    private static LocalStack stack(Path project, Path state) {
        String prefix = "e2e-runtwice-" + state.getFileName().toString().toLowerCase() + ".";
        return LocalStack.builder(project)
                .viewsFile(project.resolve(StackExtension.TODOLIST_VIEWS))
                .ports(PortPlan.free(1))
                .stateDir(state)
                .topicPrefix(prefix)
                .processorEnv("REST_LIVE_APPLICATION_ID", prefix + "processor")
                .withApp(true)
                .progress(line -> System.out.println("[e2e RunTwiceIT] " + line))
                .build();
    }
}
