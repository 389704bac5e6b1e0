package io.restlive.example.todolist.api;

import io.restlive.example.todolist.model.Task;
import io.restlive.example.todolist.model.TaskRepository;
import io.restlive.example.todolist.model.TodoList;
import io.restlive.example.todolist.model.TodoListRepository;
import io.restlive.spring.LiveChanges;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The API's reads and writes, one transaction each. Nothing here mentions publishing: the starter
 * publishes every committed change of the {@code @LiveModel} entities, except bulk updates, which name
 * their ids to {@link LiveChanges}.
 */
@Service
@Transactional
public class TodoService {

    private final TaskRepository tasks;
    private final TodoListRepository lists;
    private final LiveChanges liveChanges;

    public TodoService(TaskRepository tasks, TodoListRepository lists, LiveChanges liveChanges) {
        this.tasks = tasks;
        this.lists = lists;
        this.liveChanges = liveChanges;
    }

    @Transactional(readOnly = true)
    public List<Task> tasks() {
        return tasks.findAllByOrderByIdAsc();
    }

    @Transactional(readOnly = true)
    public Task task(long id) {
        return tasks.findById(id).orElseThrow(() -> new NotFound("Task"));
    }

    public Task createTask(JsonNode body) {
        Fields fields = Fields.of(body, false);
        Optional<String> text = fields.text("text", Task.TEXT_MAX_LENGTH);
        boolean done = fields.bool("done").orElse(false);
        Optional<TodoList> list = list(fields);
        fields.requireValid();
        return tasks.save(new Task(text.orElseThrow(), done, list.orElseThrow()));
    }

    /** PUT ({@code partial} false: text and list required) or PATCH ({@code partial} true). */
    public Task updateTask(long id, JsonNode body, boolean partial) {
        Task task = task(id);
        Fields fields = Fields.of(body, partial);
        Optional<String> text = fields.text("text", Task.TEXT_MAX_LENGTH);
        Optional<Boolean> done = fields.bool("done");
        Optional<TodoList> list = list(fields);
        fields.requireValid();
        text.ifPresent(task::setText);
        done.ifPresent(task::setDone);
        list.ifPresent(task::setTodoList);
        return task;
    }

    public void deleteTask(long id) {
        tasks.delete(task(id));
    }

    @Transactional(readOnly = true)
    public List<TodoList> lists() {
        List<TodoList> all = lists.findAllByOrderByIdAsc();
        all.forEach(list -> list.getTasks().size());
        return all;
    }

    @Transactional(readOnly = true)
    public TodoList list(long id) {
        TodoList list = lists.findById(id).orElseThrow(() -> new NotFound("List"));
        list.getTasks().size();
        return list;
    }

    public TodoList createList(JsonNode body) {
        Fields fields = Fields.of(body, false);
        Optional<String> name = fields.text("name", TodoList.NAME_MAX_LENGTH);
        fields.requireValid();
        return lists.save(new TodoList(name.orElseThrow()));
    }

    public TodoList updateList(long id, JsonNode body, boolean partial) {
        TodoList list = list(id);
        Fields fields = Fields.of(body, partial);
        Optional<String> name = fields.text("name", TodoList.NAME_MAX_LENGTH);
        fields.requireValid();
        name.ifPresent(list::setName);
        return list;
    }

    public void deleteList(long id) {
        lists.delete(list(id));
    }

    /**
     * Marks every open task of a list done with one bulk UPDATE, which Hibernate's entity events never see:
     * the ids are handed to {@link LiveChanges}, which publishes their committed state.
     */
    public List<Task> completeList(long id) {
        if (!lists.existsById(id)) {
            throw new NotFound("List");
        }
        List<Long> open = tasks.findOpenIds(id);
        if (!open.isEmpty()) {
            tasks.markDone(open);
            liveChanges.publishAfterCommit(Task.class, open);
        }
        return tasks.findAllById(open);
    }

    private Optional<TodoList> list(Fields fields) {
        return fields.pk("list").flatMap(pk -> {
            Optional<TodoList> list = lists.findById(pk);
            if (list.isEmpty()) {
                fields.reject("list", "Invalid pk \"" + pk + "\" - object does not exist.");
            }
            return list;
        });
    }
}
