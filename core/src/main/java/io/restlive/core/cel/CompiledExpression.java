package io.restlive.core.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.Map;

/**
 * One compiled CEL expression of a view, with what it reads.
 *
 * <p>Evaluation errors (a missing field, a wrong type at run time) are not exceptions for the engine:
 * a condition that cannot be evaluated is false, a computed value that cannot be evaluated is null.
 * That keeps one odd entity from breaking every subscription of its model.
 */
public final class CompiledExpression {

    private final String source;
    private final CelRuntime.Program program;
    private final ExpressionAnalysis analysis;

    CompiledExpression(String source, CelRuntime.Program program, ExpressionAnalysis analysis) {
        this.source = source;
        this.program = program;
        this.analysis = analysis;
    }

    /** The CEL text as written in the views file. */
    public String source() {
        return source;
    }

    /** What the expression reads (variables, user fields, an equality it can be indexed by). */
    public ExpressionAnalysis analysis() {
        return analysis;
    }

    /**
     * Evaluates the expression.
     *
     * @throws CelEvaluationException if CEL cannot evaluate it over these variables
     */
    public Object eval(Map<String, ?> variables) throws CelEvaluationException {
        return program.eval(variables);
    }

    /** Evaluates a condition over resolved variables: true only if the result is the boolean true. */
    public boolean test(CelVariableResolver variables) {
        try {
            return Boolean.TRUE.equals(program.eval(variables));
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    /** Evaluates a value over resolved variables; null when CEL cannot evaluate it. */
    public Object valueOrNull(CelVariableResolver variables) {
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            return null;
        }
    }

    /** Evaluates a condition: true only if the result is the boolean true. */
    public boolean test(Map<String, ?> variables) {
        try {
            return Boolean.TRUE.equals(program.eval(variables));
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    /** Evaluates a value; null when CEL cannot evaluate it. */
    public Object valueOrNull(Map<String, ?> variables) {
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
