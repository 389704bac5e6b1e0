package io.restlive.example.todolist.api;

import io.restlive.example.todolist.model.Task;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/tasks/}: the seed's {@code TaskViewSet}, answering as DRF does (trailing slashes included). */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final TodoService service;
    private final RollbackDemo rollbackDemo;

    TaskController(TodoService service, RollbackDemo rollbackDemo) {
        this.service = service;
        this.rollbackDemo = rollbackDemo;
    }

    @GetMapping("/")
    List<Task> list() {
        return service.tasks();
    }

    @PostMapping("/")
    @ResponseStatus(HttpStatus.CREATED)
    Task create(@RequestBody(required = false) JsonNode body) {
        return service.createTask(body);
    }

    @GetMapping("/{id}/")
    Task retrieve(@PathVariable long id) {
        return service.task(id);
    }

    @PutMapping("/{id}/")
    Task update(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
        return service.updateTask(id, body, false);
    }

    @PatchMapping("/{id}/")
    Task partialUpdate(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
        return service.updateTask(id, body, true);
    }

    @DeleteMapping("/{id}/")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void destroy(@PathVariable long id) {
        service.deleteTask(id);
    }

    /** Changes a task (or creates one) and rolls the transaction back: nothing is broadcast. */
    @PostMapping({"/rollback-demo", "/rollback-demo/"})
    Map<String, Object> rollbackDemo(@RequestBody(required = false) JsonNode body) {
        return rollbackDemo.run(body);
    }
}
