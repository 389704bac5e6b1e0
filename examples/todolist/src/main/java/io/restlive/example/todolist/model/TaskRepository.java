package io.restlive.example.todolist.model;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The tasks. */
public interface TaskRepository extends JpaRepository<Task, Long> {

    /** Every task, oldest first, as the REST list shows them. */
    List<Task> findAllByOrderByIdAsc();

    @Query("select t.id from Task t where t.list.id = :listId and t.done = false")
    List<Long> findOpenIds(long listId);

    /**
     * Marks the given tasks done in one statement. {@code versioned} makes Hibernate increment their
     * {@code @Version}, so the changes published for them are newer than the ones before. The persistence
     * context is cleared afterwards: tasks loaded before the statement would be stale.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update versioned Task t set t.done = true where t.id in :ids")
    int markDone(List<Long> ids);
}
