package io.restlive.e2e.client;

import io.restlive.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pages of the todolist app in headless Chromium, driven through {@code e2e-tests/src/test/js/live-pages.mjs}
 * (playwright-core): one JSON command per line on its stdin, one JSON answer per line on its stdout. The
 * pages' console goes to the driver's log, which a failure quotes.
 */
final class LivePages implements AutoCloseable {

    /** Time for the driver itself on top of a command's own timeout (a busy machine, a browser start). */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path log;

    private LivePages(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "live-pages-answers");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the driver (installing its npm dependencies first when they are missing). */
    static LivePages start() throws IOException {
        NodeCommands.ensureDependencies(NodeCommands.BROWSER_JS);
        Path log = Path.of("target", "e2e", "live-pages.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder("node", "live-pages.mjs").directory(NodeCommands.BROWSER_JS.toFile())
                .redirectError(log.toFile()).start();
        return new LivePages(process, log);
    }

    /** Opens {@code count} pages of {@code url}, each in a browser context of its own. */
    void open(URI url, int count) {
        JsonNode browser = send(command("open").put("url", url.toString()).put("count", count), Duration.ofMinutes(2));
        System.out.println("[e2e LivePages] Chromium " + browser.path("version").asString() + " at "
                + browser.path("executablePath").asString());
    }

    /** Waits until page {@code page}'s status line matches {@code pattern}; returns it. */
    String awaitStatus(int page, String pattern, Duration timeout) {
        return send(command("awaitStatus").put("page", page).put("pattern", pattern).put("timeoutMs", timeout.toMillis()),
                timeout).asString();
    }

    /** Page {@code page}'s status line. */
    String status(int page) {
        return send(command("status").put("page", page), Duration.ZERO).asString();
    }

    /** Adds a task through page {@code page}'s form, and waits until the REST API answered. */
    void add(int page, String text) {
        send(command("add").put("page", page).put("text", text), Duration.ofSeconds(30));
    }

    /** Waits until page {@code page} lists a task of that text. */
    void awaitTask(int page, String text, Duration timeout) {
        send(command("awaitTask").put("page", page).put("text", text).put("timeoutMs", timeout.toMillis()), timeout);
    }

    /** The texts of the tasks page {@code page} lists, in its order. */
    List<String> tasks(int page) {
        List<String> texts = new ArrayList<>();
        send(command("tasks").put("page", page), Duration.ZERO).forEach(text -> texts.add(text.asString()));
        return texts;
    }

    /** How many WebSockets page {@code page} has opened so far (failed attempts included). */
    int websockets(int page) {
        return send(command("websockets").put("page", page), Duration.ZERO).asInt();
    }

    /** Whether page {@code page} is still the document first loaded (never reloaded or navigated). */
    boolean neverReloaded(int page) {
        return send(command("neverReloaded").put("page", page), Duration.ZERO).asBoolean();
    }

    /** Saves a screenshot of page {@code page}. */
    void screenshot(int page, Path path) throws IOException {
        Files.createDirectories(path.getParent());
        send(command("screenshot").put("page", page).put("path", path.toAbsolutePath().toString()), Duration.ofSeconds(30));
    }

    /** The driver's log: the pages' console and errors. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            send(command("close"), Duration.ofSeconds(30));
        } catch (RuntimeException | AssertionError e) {
            System.out.println("[e2e LivePages] closing the browser: " + e.getMessage());
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static ObjectNode command(String name) {
        return Json.NODES.objectNode().put("cmd", name);
    }

    private JsonNode send(ObjectNode command, Duration timeout) {
        String answer;
        try {
            commands.write(Json.write(command) + "\n");
            commands.flush();
            answer = answers.poll(timeout.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("the browser driver is gone; its log:\n" + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the browser", e);
        }
        if (answer == null) {
            throw new AssertionError("no answer from the browser driver to " + command + "; its log:\n" + log());
        }
        JsonNode parsed = Json.parse(answer);
        if (!parsed.path("ok").asBoolean()) {
            throw new AssertionError(command.path("cmd").asString() + " failed in the browser: "
                    + parsed.path("error").asString() + "\npages' console:\n" + log());
        }
        return parsed.path("value");
    }

    private void readAnswers() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                answers.add(line);
            }
        } catch (IOException e) {
            // The driver exited; a command waiting for an answer times out and quotes the log.
        }
    }
}
