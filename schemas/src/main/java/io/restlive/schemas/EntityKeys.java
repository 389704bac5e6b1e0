package io.restlive.schemas;

/**
 * The Kafka record key of an entity: {@code <model>|<pk as JSON>}, e.g. {@code todolist.Task|1} or
 * {@code todolist.Tag|"urgent"}.
 *
 * <p>Producers in any language key change records this way so that all changes of one entity land in
 * one partition, in order; the processor keys its entity store and its broadcasts the same way.
 */
public final class EntityKeys {

    private EntityKeys() {
    }

    /**
     * The key of an entity.
     *
     * @param model the model label, e.g. {@code todolist.Task}
     * @param pk the primary key: an integral {@link Number} or a {@link CharSequence}
     * @return the record key
     * @throws IllegalArgumentException if the model is blank or the pk is neither an integer nor a string
     */
    public static String of(String model, Object pk) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must be a non-blank label like 'todolist.Task'");
        }
        return model + "|" + pkJson(pk);
    }

    /**
     * The pk as JSON text: an integer as digits, a string quoted and escaped.
     *
     * @param pk an integral {@link Number} or a {@link CharSequence}
     * @return its JSON text
     * @throws IllegalArgumentException for any other type, or a fractional number
     */
    public static String pkJson(Object pk) {
        if (pk instanceof Long || pk instanceof Integer || pk instanceof Short || pk instanceof Byte) {
            return pk.toString();
        }
        if (pk instanceof java.math.BigInteger big) {
            return big.toString();
        }
        if (pk instanceof CharSequence text) {
            return quote(text.toString());
        }
        throw new IllegalArgumentException("pk must be an integer or a string, not "
                + (pk == null ? "null" : pk.getClass().getSimpleName() + " " + pk));
    }

    /** The model part of a key made by {@link #of}. */
    public static String modelOf(String key) {
        int bar = key.indexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("not an entity key (expected '<model>|<pk>'): " + key);
        }
        return key.substring(0, bar);
    }

    /** The pk part (its JSON text) of a key made by {@link #of}. */
    public static String pkJsonOf(String key) {
        return key.substring(modelOf(key).length() + 1);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
