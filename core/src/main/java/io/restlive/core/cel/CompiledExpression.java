package io.restlive.core.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compiled CEL expression of a view, with what it reads.
 *
 * <p>Evaluation errors (a missing field, a wrong type at run time) are not exceptions for the engine:
 * a condition that cannot be evaluated is false, a computed value that cannot be evaluated is null.
 * That keeps one odd entity from breaking every subscription of its model. They are counted, not
 * swallowed: {@link #evaluationErrors()} is exposed by the services as {@code restlive.cel.evaluation.errors}.
 * Reading a user field the user does not have ({@code user.id} of an anonymous user) is such an error, so
 * {@code instance.owner == user.id} is never true for a user without an id (docs/views.md).
 */
public final class CompiledExpression {

    private static final Logger log = LoggerFactory.getLogger(CompiledExpression.class);

    private final String source;
    private final LongAdder errors = new LongAdder();
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

    /** How many evaluations of this expression failed (and counted as false, or null for a value). */
    public long evaluationErrors() {
        return errors.sum();
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
            failed(e);
            return false;
        }
    }

    /** Evaluates a value over resolved variables; null when CEL cannot evaluate it. */
    public Object valueOrNull(CelVariableResolver variables) {
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            failed(e);
            return null;
        }
    }

    /** Evaluates a condition: true only if the result is the boolean true. */
    public boolean test(Map<String, ?> variables) {
        try {
            return Boolean.TRUE.equals(program.eval(variables));
        } catch (CelEvaluationException e) {
            failed(e);
            return false;
        }
    }

    /** Evaluates a value; null when CEL cannot evaluate it. */
    public Object valueOrNull(Map<String, ?> variables) {
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            failed(e);
            return null;
        }
    }

    private void failed(CelEvaluationException e) {
        errors.increment();
        log.debug("CEL expression '{}' could not be evaluated: {}", source, e.getMessage());
    }

    @Override
    public String toString() {
        return source;
    }
}
