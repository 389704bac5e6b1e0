package io.restlive.processor.topology;

import io.restlive.core.json.Json;
import io.restlive.core.views.LiveUser;
import java.util.List;

/** The views the topology tests subscribe to, one per behaviour. */
final class TestViews {

    static final String TASK = "todolist.Task";

    static final String YAML = """
            views:
              - name: open-tasks
                model: todolist.Task
                queryset: "!instance.done"
              - name: my-tasks
                model: todolist.Task
                object-permission: "instance.owner == user.id"
              - name: list-tasks
                model: todolist.Task
                queryset: "instance.list == int(kwargs.list)"
              - name: task-by-text
                model: todolist.Task
                lookup-field: text
              - name: fancy-tasks
                model: todolist.Task
                naming: camelCase
                serializers:
                  - fields: [id, text, due_date]
                    computed: {text_length: "size(instance.text)"}
            endpoints:
              - {path: /open/, views: [open-tasks]}
              - {path: /mine/, views: [my-tasks]}
              - {path: /lists/, views: [list-tasks]}
              - {path: /by-text/, views: [task-by-text]}
              - {path: /fancy/, views: [fancy-tasks]}
            """;

    private TestViews() {
    }

    static LiveUser user(String id) {
        return new LiveUser(true, id, id, List.of(), Json.NODES.objectNode());
    }

    static String task(long id, String text, boolean done) {
        return "{\"id\":" + id + ",\"text\":\"" + text + "\",\"done\":" + done + "}";
    }
}
