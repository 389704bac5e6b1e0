package io.restlive.core.views;

import io.restlive.core.cel.CelEnvironment;
import dev.cel.runtime.CelVariableResolver;
import java.util.Optional;

/** Resolves CEL variables from a group's context and, when there is one, an entity state, without copying. */
final class Bindings implements CelVariableResolver {

    private final SubscriptionContext context;
    private final EntityState entity;

    Bindings(SubscriptionContext context, EntityState entity) {
        this.context = context;
        this.entity = entity;
    }

    @Override
    public Optional<Object> find(String name) {
        return Optional.ofNullable(switch (name) {
            case CelEnvironment.INSTANCE -> entity == null ? null : entity.celInstance();
            case CelEnvironment.PK -> entity == null ? null : entity.celPk();
            case CelEnvironment.USER -> context.celUser();
            case CelEnvironment.KWARGS -> context.celKwargs();
            case CelEnvironment.PARAMS -> context.celParams();
            case CelEnvironment.ACTION -> context.action();
            default -> null;
        });
    }
}
