package io.restlive.spring.internal;

import io.restlive.spring.LiveModel;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotationUtils;

/** What the starter needs to know about an entity class: its model label, its pk and its version as numbers. */
public final class LiveEntities {

    private static final Map<Class<?>, Optional<String>> MODELS = new ConcurrentHashMap<>();

    private LiveEntities() {
    }

    /** The {@link LiveModel} label of {@code type} (or a superclass), if it is live. */
    public static Optional<String> model(Class<?> type) {
        return MODELS.computeIfAbsent(type, t -> Optional.ofNullable(AnnotationUtils.findAnnotation(t, LiveModel.class))
                .map(LiveModel::value));
    }

    /**
     * The model label of {@code type}.
     *
     * @throws IllegalArgumentException if it is not annotated with {@link LiveModel}
     */
    public static String requireModel(Class<?> type) {
        return model(type).orElseThrow(() -> new IllegalArgumentException(
                type.getName() + " is not annotated with @LiveModel, so rest-live does not publish it"));
    }

    /**
     * The pk as rest-live keys it: integral numbers as {@link Long} (or {@link BigInteger}), strings and
     * UUIDs as {@link String}.
     *
     * @throws IllegalArgumentException for any other id type (composite ids, decimals)
     */
    public static Object pk(String model, Object id) {
        if (id instanceof Long || id instanceof BigInteger || id instanceof String) {
            return id;
        }
        if (id instanceof Integer || id instanceof Short || id instanceof Byte) {
            return ((Number) id).longValue();
        }
        if (id instanceof CharSequence || id instanceof UUID) {
            return id.toString();
        }
        throw new IllegalArgumentException("the id of " + model + " is " + (id == null ? "null" : id.getClass().getName())
                + "; rest-live needs an integer or a string pk");
    }

    /** A JPA {@code @Version} value as a number that grows: counters as is, timestamps in millis. */
    public static Long version(Object version) {
        if (version instanceof Number number) {
            return number.longValue();
        }
        if (version instanceof Date date) {
            return date.getTime();
        }
        if (version instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (version instanceof OffsetDateTime time) {
            return time.toInstant().toEpochMilli();
        }
        if (version instanceof ZonedDateTime time) {
            return time.toInstant().toEpochMilli();
        }
        return null;
    }
}
