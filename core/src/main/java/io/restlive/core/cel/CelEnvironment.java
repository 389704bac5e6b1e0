package io.restlive.core.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;

/**
 * The CEL environment every view expression is compiled in: the variables {@code instance},
 * {@code pk}, {@code user}, {@code kwargs}, {@code params} and {@code action}, the standard macros
 * ({@code has}, {@code all}, {@code exists}, ...) and CEL's string extension functions.
 *
 * <p>Compilation happens once, when the views file is loaded; evaluation reuses the program.
 */
public final class CelEnvironment {

    /** The names of the variables an expression may read. */
    public static final String INSTANCE = "instance";
    public static final String PK = "pk";
    public static final String USER = "user";
    public static final String KWARGS = "kwargs";
    public static final String PARAMS = "params";
    public static final String ACTION = "action";

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(), CelExtensions.lists())
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(), CelExtensions.lists())
            .addVar(INSTANCE, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(PK, SimpleType.DYN)
            .addVar(USER, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(KWARGS, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(PARAMS, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar(ACTION, SimpleType.STRING)
            .build();

    private CelEnvironment() {
    }

    /**
     * Compiles one expression.
     *
     * @param source the CEL text
     * @param mustBeBoolean true for conditions (queryset, permissions, {@code when})
     * @return the compiled program with what it reads
     * @throws IllegalArgumentException with CEL's own message (position and reason) if it does not
     *     compile, or if a condition's type cannot be a boolean
     */
    public static CompiledExpression compile(String source, boolean mustBeBoolean) {
        CelAbstractSyntaxTree ast;
        try {
            CelValidationResult result = CEL.compile(source);
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(e.getMessage().trim(), e);
        }
        CelKind kind = ast.getResultType().kind();
        if (mustBeBoolean && kind != CelKind.BOOL && kind != CelKind.DYN) {
            throw new IllegalArgumentException("must be a boolean condition, but its type is "
                    + ast.getResultType().name());
        }
        try {
            return new CompiledExpression(source, CEL.createProgram(ast),
                    ExpressionAnalysis.of(ast, sub -> compileSubExpression(sub, ast)));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static CompiledExpression compileSubExpression(CelExpr expr, CelAbstractSyntaxTree whole) {
        try {
            CelAbstractSyntaxTree checked = CEL.check(CelAbstractSyntaxTree.newParsedAst(expr, whole.getSource()))
                    .getAst();
            return new CompiledExpression(whole.getSource().getContent().toString(),
                    CEL.createProgram(checked), ExpressionAnalysis.of(checked, sub -> {
                        throw new IllegalStateException("nested sub-expressions are not compiled");
                    }));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
