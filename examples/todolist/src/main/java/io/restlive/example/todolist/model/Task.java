package io.restlive.example.todolist.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.restlive.spring.LiveModel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A task of a list, serialized like the seed's {@code TaskSerializer} ({@code id}, {@code text},
 * {@code done}) plus {@code list}, the list's id, which the {@code tasks} view filters on.
 */
@Entity
@Table(name = "todolist_task")
@LiveModel("todolist.Task")
@JsonPropertyOrder({"id", "text", "done", "list"})
public class Task {

    /** Limit of the seed's {@code CharField(max_length=140)}. */
    public static final int TEXT_MAX_LENGTH = 140;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = TEXT_MAX_LENGTH)
    private String text;

    @Column(nullable = false)
    private boolean done;

    @ManyToOne(optional = false)
    @JoinColumn(name = "list_id", nullable = false)
    private TodoList list;

    // Published as the change's version, so that the processor drops stale or repeated changes.
    @Version
    private long version;

    protected Task() {
    }

    public Task(String text, boolean done, TodoList list) {
        this.text = text;
        this.done = done;
        this.list = list;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public boolean isDone() {
        return done;
    }

    public void setDone(boolean done) {
        this.done = done;
    }

    /** The list's id, as the REST API and the published instance show it. */
    @JsonProperty("list")
    public Long getListId() {
        return list.getId();
    }

    @JsonIgnore
    public TodoList getTodoList() {
        return list;
    }

    public void setTodoList(TodoList list) {
        this.list = list;
    }

    /** Internal to optimistic locking and publishing; the API does not show it. */
    @JsonIgnore
    public long getVersion() {
        return version;
    }
}
