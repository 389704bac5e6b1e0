package io.restlive.example.todolist.api;

import io.restlive.example.todolist.model.Task;
import io.restlive.example.todolist.model.TaskRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a change, lets Hibernate write it to the database (so every entity event fires), then rolls the
 * transaction back: the demonstration that a rolled-back change is never broadcast, which django-rest-live
 * gets wrong.
 */
@Component
class RollbackDemo {

    private final TodoService service;
    private final TaskRepository tasks;
    private final TransactionTemplate transactions;
    private final JsonMapper mapper;

    RollbackDemo(TodoService service, TaskRepository tasks, PlatformTransactionManager transactionManager, JsonMapper mapper) {
        this.service = service;
        this.tasks = tasks;
        this.transactions = new TransactionTemplate(transactionManager);
        this.mapper = mapper;
    }

    /**
     * Updates task {@code id} with the other fields of {@code body} (as PATCH does), or creates a task when
     * there is no {@code id}, then rolls back.
     *
     * @return {@code rolled_back} and the task as it was for a moment
     */
    Map<String, Object> run(JsonNode body) {
        JsonNode id = body == null ? null : body.get("id");
        JsonNode task = transactions.execute(status -> {
            Task changed = id != null ? service.updateTask(id.asLong(), body, true) : service.createTask(body);
            tasks.flush();
            JsonNode state = mapper.valueToTree(changed);
            status.setRollbackOnly();
            return state;
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rolled_back", true);
        result.put("task", task);
        return result;
    }
}
