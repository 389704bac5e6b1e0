package io.restlive.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JPA entity as live: every committed insert, update and delete of it is published to rest-live
 * under the given model label, with the entity serialized by the application's Jackson {@code JsonMapper}.
 *
 * <pre>{@code
 * @Entity
 * @LiveModel("todolist.Task")
 * class Task { @Id @GeneratedValue Long id; String text; boolean done; @Version long version; }
 * }</pre>
 *
 * <p>The pk is the JPA id (an integer or a string); the version is the entity's {@code @Version} field
 * when it has one, so that the processor drops stale or repeated changes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LiveModel {

    /**
     * The model label clients subscribe to, {@code <app>.<Model>}, e.g. {@code todolist.Task}.
     *
     * @return the model label
     */
    String value();
}
