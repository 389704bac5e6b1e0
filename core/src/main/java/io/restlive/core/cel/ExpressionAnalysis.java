package io.restlive.core.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a compiled expression reads, found by walking its syntax tree once at load time.
 *
 * @param variables the top-level variables it names
 * @param userFields the {@code user.<field>} it selects; meaningful only if {@code readsWholeUser} is false
 * @param readsWholeUser true if {@code user} is used other than through a field selection
 * @param equality a conjunct {@code instance.<field> == <expression without instance or pk>}, if any
 */
public record ExpressionAnalysis(Set<String> variables, Set<String> userFields, boolean readsWholeUser,
                                 Optional<InstanceEquality> equality) {

    /**
     * A condition {@code instance.field == valueExpr} that must hold for the whole expression to hold.
     *
     * @param field the instance field compared
     * @param value the other side, compiled on its own; it reads only user, kwargs, params and action
     */
    public record InstanceEquality(String field, CompiledExpression value) {
    }

    /** Compiles a sub-expression of an already checked tree into its own program. */
    interface SubCompiler {
        CompiledExpression compile(CelExpr expr);
    }

    static ExpressionAnalysis of(CelAbstractSyntaxTree ast, SubCompiler subCompiler) {
        Set<String> variables = new HashSet<>();
        Set<String> userFields = new HashSet<>();
        boolean[] wholeUser = {false};
        CelNavigableExpr.fromExpr(ast.getExpr()).allNodes().forEach(node -> {
            CelExpr expr = node.expr();
            if (expr.getKind() != CelExpr.ExprKind.Kind.IDENT) {
                return;
            }
            String name = expr.ident().name();
            variables.add(name);
            if (CelEnvironment.USER.equals(name)) {
                Optional<CelNavigableExpr> parent = node.parent();
                if (parent.isPresent() && parent.get().expr().getKind() == CelExpr.ExprKind.Kind.SELECT) {
                    userFields.add(parent.get().expr().select().field());
                } else {
                    wholeUser[0] = true;
                }
            }
        });
        return new ExpressionAnalysis(Set.copyOf(variables), Set.copyOf(userFields), wholeUser[0],
                findEquality(ast.getExpr()).map(eq -> new InstanceEquality(eq.field,
                        subCompiler.compile(eq.value))));
    }

    private static Optional<RawEquality> findEquality(CelExpr expr) {
        if (expr.getKind() != CelExpr.ExprKind.Kind.CALL) {
            return Optional.empty();
        }
        String function = expr.call().function();
        List<CelExpr> args = expr.call().args();
        if ("_&&_".equals(function)) {
            for (CelExpr arg : args) {
                Optional<RawEquality> found = findEquality(arg);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if ("_==_".equals(function) && args.size() == 2) {
            Optional<String> left = instanceField(args.get(0));
            if (left.isPresent() && !readsEntity(args.get(1))) {
                return Optional.of(new RawEquality(left.get(), args.get(1)));
            }
            Optional<String> right = instanceField(args.get(1));
            if (right.isPresent() && !readsEntity(args.get(0))) {
                return Optional.of(new RawEquality(right.get(), args.get(0)));
            }
        }
        return Optional.empty();
    }

    private record RawEquality(String field, CelExpr value) {
    }

    private static Optional<String> instanceField(CelExpr expr) {
        if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT && !expr.select().testOnly()) {
            CelExpr operand = expr.select().operand();
            if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT
                    && CelEnvironment.INSTANCE.equals(operand.ident().name())) {
                return Optional.of(expr.select().field());
            }
        }
        return Optional.empty();
    }

    private static boolean readsEntity(CelExpr expr) {
        return CelNavigableExpr.fromExpr(expr).allNodes()
                .map(CelNavigableExpr::expr)
                .filter(e -> e.getKind() == CelExpr.ExprKind.Kind.IDENT)
                .map(e -> e.ident().name())
                .anyMatch(name -> name.equals(CelEnvironment.INSTANCE) || name.equals(CelEnvironment.PK));
    }
}
