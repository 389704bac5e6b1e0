package io.restlive.processor.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.restlive.core.views.View;
import io.restlive.core.views.ViewsFile;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Meters of the processor beyond {@link ProcessorMetrics}: the evaluation errors of each view's CEL
 * expressions ({@code restlive.cel.evaluation.errors{view}}), the same meter the edges expose. The registry
 * itself (Prometheus at {@code /actuator/prometheus}) is Spring Boot's.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsRegistryConfiguration {

    @Bean
    InitializingBean celEvaluationErrors(MeterRegistry registry, ViewsFile views) {
        return () -> {
            for (View view : views.views()) {
                FunctionCounter.builder("restlive.cel.evaluation.errors", view, View::evaluationErrors)
                        .tag("view", view.name())
                        .description("Evaluations of a view's expressions that failed and counted as false (or null)")
                        .register(registry);
            }
        };
    }
}
