package io.restlive.e2e.support;

import io.restlive.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** The todolist example app's REST API, called as a frontend or {@code curl} calls it. */
public final class TodolistApi {

    /**
     * One answer of the API.
     *
     * @param status the HTTP status
     * @param body the parsed body, or {@code null} when there is none (204)
     */
    public record Answer(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    public TodolistApi(URI base) {
        this.base = base;
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer post(String path, String json) {
        return send("POST", path, json);
    }

    public Answer patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    /** Posts and insists on 201 Created: the setup steps of a test. */
    public JsonNode create(String path, String json) {
        Answer answer = post(path, json);
        if (answer.status() != 201) {
            throw new AssertionError("POST " + path + " " + json + " answered " + answer);
        }
        return answer.body();
    }

    private Answer send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), body == null || body.isBlank() ? null : Json.parse(body));
        } catch (IOException e) {
            throw new AssertionError(method + " " + base.resolve(path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + method + " " + path, e);
        }
    }
}
