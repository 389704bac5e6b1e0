package io.restlive.example.todolist.model;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The lists. */
public interface TodoListRepository extends JpaRepository<TodoList, Long> {

    /** Every list, oldest first. */
    List<TodoList> findAllByOrderByIdAsc();
}
