package io.restlive.processor.snapshot;

import io.restlive.core.internalapi.SnapshotRequest;
import io.restlive.core.json.Json;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /internal/snapshot}: the members of a list group's view, rendered, for protocol v2's in-band
 * snapshot. 200 with {@code {"count":n,"items":[{"key":..,"instance":{..},"version":n},..]}}, 400 for a bad
 * query or a view this processor does not have, 503 if an instance could not answer within the hold. Behind
 * the internal API's secret, like the lookup.
 */
@RestController
public final class SnapshotController {

    static final String PATH = "/internal/snapshot";
    static final String LOCAL_SCOPE = "local";

    private final SnapshotService service;

    public SnapshotController(SnapshotService service) {
        this.service = service;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> snapshot(@RequestBody String body, @RequestParam(required = false) String scope) {
        SnapshotRequest query;
        try {
            query = SnapshotRequest.parse(body);
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        SnapshotResult result = service.snapshot(query, LOCAL_SCOPE.equals(scope));
        if (result instanceof SnapshotResult.Members members) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(members.members().toJson());
        }
        if (result instanceof SnapshotResult.Unusable unusable) {
            return error(HttpStatus.BAD_REQUEST, unusable.reason());
        }
        return error(HttpStatus.SERVICE_UNAVAILABLE, "not ready: " + ((SnapshotResult.NotReady) result).reason());
    }

    private static ResponseEntity<String> error(HttpStatus status, String message) {
        ObjectNode body = Json.NODES.objectNode().put("error", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }
}
