package io.restlive.example.todolist.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.restlive.spring.LiveModel;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * A to-do list (the seed's {@code List} model), serialized like {@code TodoListSerializer}: {@code id},
 * {@code name} and its {@code tasks}. Deleting it deletes its tasks, as {@code on_delete=CASCADE} does,
 * and each deleted task is published.
 */
@Entity
@Table(name = "todolist_list")
@LiveModel("todolist.List")
@JsonPropertyOrder({"id", "name", "tasks"})
public class TodoList {

    /** Limit of the seed's {@code CharField(max_length=64)}. */
    public static final int NAME_MAX_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = NAME_MAX_LENGTH)
    private String name;

    @OneToMany(mappedBy = "list", cascade = CascadeType.REMOVE)
    @OrderBy("id")
    private List<Task> tasks = new ArrayList<>();

    protected TodoList() {
    }

    public TodoList(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** The nested tasks, shown like {@code TaskSerializer} does, without repeating the list. */
    @JsonIgnoreProperties("list")
    public List<Task> getTasks() {
        return tasks;
    }
}
