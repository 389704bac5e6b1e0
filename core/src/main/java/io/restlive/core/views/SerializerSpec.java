package io.restlive.core.views;

import io.restlive.core.cel.CompiledExpression;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a view's {@code serializers}: when it applies, which instance fields it keeps, and
 * which computed fields it adds.
 *
 * @param when the condition under which this serializer is used; empty means always
 * @param fields the instance fields to keep, in order; empty means every field
 * @param computed extra fields, in order, each a CEL expression (a null result gives JSON null)
 */
public record SerializerSpec(Optional<CompiledExpression> when, Optional<List<String>> fields,
                             Map<String, CompiledExpression> computed) {

    /** The serializer used when a view declares none: every field, nothing computed. */
    public static final SerializerSpec EVERY_FIELD = new SerializerSpec(Optional.empty(), Optional.empty(), Map.of());
}
