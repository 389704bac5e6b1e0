package io.restlive.processor.lookup;

import io.restlive.core.json.Json;
import io.restlive.core.views.ViewsFile;
import io.restlive.processor.entities.Pks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /internal/lookup?model=&field=&value=}: the entity edges resolve a retrieve subscription to.
 * 200 with {@code {"pk":..,"instance":{..},"version":<revision>}}, 404 if no live entity matches, 503 if the instance that must
 * answer was not ready within the hold, 400 for bad parameters. For the cluster, not for the public: it
 * answers from the processor's raw state.
 */
@RestController
public final class LookupController {

    static final String PATH = "/internal/lookup";
    static final String LOCAL_SCOPE = "local";

    private final LookupService service;
    private final ViewsFile views;

    /** A controller that answers any field of any model, for tests of the lookup itself. */
    public LookupController(LookupService service) {
        this(service, null);
    }

    /**
     * @param service finds the entity
     * @param views the lookups allowed: a view's model, by pk or by that view's lookup field (what edges ask
     *     for a retrieve); null allows any
     */
    @Autowired
    public LookupController(LookupService service, ViewsFile views) {
        this.service = service;
        this.views = views;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> lookup(@RequestParam(required = false) String model,
                                         @RequestParam(required = false) String field,
                                         @RequestParam(required = false) String value,
                                         @RequestParam(required = false) String scope) {
        LookupQuery query;
        try {
            query = LookupQuery.parse(model, field, value);
        } catch (BadLookupException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        if (!allowed(query)) {
            // An edge only ever asks a view's lookup field: anything else is someone probing the state.
            return error(HttpStatus.BAD_REQUEST, "no view of " + query.model() + " looks instances up by " + query.field());
        }
        LookupResult result = service.lookup(query, LOCAL_SCOPE.equals(scope));
        if (result instanceof LookupResult.Found found) {
            ObjectNode body = Json.NODES.objectNode();
            body.set("pk", found.pk());
            body.set("instance", found.instance());
            body.put("version", found.revision());
            body.put("key", Pks.keyText(found.pk()));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
        }
        if (result instanceof LookupResult.Unavailable unavailable) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, unavailable.reason());
        }
        if (result instanceof LookupResult.NotReady notReady) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "not ready: " + notReady.reason());
        }
        return error(HttpStatus.NOT_FOUND, "not found");
    }

    private boolean allowed(LookupQuery query) {
        return views == null || views.views().stream().anyMatch(view -> view.model().equals(query.model())
                && (query.byPk() || view.lookupField().equals(query.field())));
    }

    private static ResponseEntity<String> error(HttpStatus status, String message) {
        ObjectNode body = Json.NODES.objectNode().put("error", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }
}
