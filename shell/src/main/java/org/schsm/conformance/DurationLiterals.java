package org.schsm.conformance;

import java.time.Duration;
import java.util.Map;
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Turns {@code 50.ms}, {@code 2.s} and {@code 500.us} written with a number literal into
 * {@code Duration.ofNanos(...)} at compile time. Done in the compiler rather than with a metaclass
 * or category so that nothing global changes and no call pays for it at run time.
 */
final class DurationLiterals extends CompilationCustomizer {
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("us", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L);

    DurationLiterals() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new Transformer(source).visitClass(classNode);
    }

    private static final class Transformer extends ClassCodeExpressionTransformer {
        private final SourceUnit source;

        Transformer(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public Expression transform(Expression e) {
            if (e instanceof PropertyExpression p
                    && p.getObjectExpression() instanceof ConstantExpression number
                    && number.getValue() instanceof Number n
                    && p.getProperty() instanceof ConstantExpression unit
                    && NANOS_PER_UNIT.containsKey(String.valueOf(unit.getValue()))) {
                long nanos = Math.round(n.doubleValue() * NANOS_PER_UNIT.get(String.valueOf(unit.getValue())));
                Expression call = new StaticMethodCallExpression(ClassHelper.make(Duration.class), "ofNanos",
                        new ArgumentListExpression(new ConstantExpression(nanos, true)));
                call.setSourcePosition(e);
                return call;
            }
            if (e instanceof ClosureExpression closure) {
                // Closure bodies are not reached by the default transformation: walk them here.
                closure.getCode().visit(this);
                return closure;
            }
            return super.transform(e);
        }
    }
}
