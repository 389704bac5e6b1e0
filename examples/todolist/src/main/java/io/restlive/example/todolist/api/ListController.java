package io.restlive.example.todolist.api;

import io.restlive.example.todolist.model.Task;
import io.restlive.example.todolist.model.TodoList;
import java.util.List;
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

/** {@code /api/lists/}: the seed's lists with their nested tasks, answering as DRF does. */
@RestController
@RequestMapping("/api/lists")
class ListController {

    private final TodoService service;

    ListController(TodoService service) {
        this.service = service;
    }

    @GetMapping("/")
    List<TodoList> list() {
        return service.lists();
    }

    @PostMapping("/")
    @ResponseStatus(HttpStatus.CREATED)
    TodoList create(@RequestBody(required = false) JsonNode body) {
        return service.createList(body);
    }

    @GetMapping("/{id}/")
    TodoList retrieve(@PathVariable long id) {
        return service.list(id);
    }

    @PutMapping("/{id}/")
    TodoList update(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
        return service.updateList(id, body, false);
    }

    @PatchMapping("/{id}/")
    TodoList partialUpdate(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
        return service.updateList(id, body, true);
    }

    @DeleteMapping("/{id}/")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void destroy(@PathVariable long id) {
        service.deleteList(id);
    }

    /** Marks every open task of the list done in one bulk UPDATE; each one is still broadcast. */
    @PostMapping("/{id}/complete/")
    List<Task> complete(@PathVariable long id) {
        return service.completeList(id);
    }
}
