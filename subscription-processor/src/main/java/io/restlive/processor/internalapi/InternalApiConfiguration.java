package io.restlive.processor.internalapi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link InternalApiFilter} in front of {@code /internal/**} and says at start-up how it is closed. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalApiProperties.class)
public class InternalApiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(InternalApiConfiguration.class);

    @Bean
    FilterRegistrationBean<InternalApiFilter> internalApiFilter(InternalApiProperties properties, MeterRegistry registry) {
        log.info("rest-live internal API: {}", properties);
        if (properties.internalSecret() == null && properties.internalSecretRequired()) {
            log.warn("No rest-live.internal-secret: every call to /internal/** is refused with 401, so edges cannot"
                    + " look instances up. Set REST_LIVE_INTERNAL_SECRET to the same secret on the processor and"
                    + " every edge (or rest-live.internal-secret-required=false on a trusted network only)");
        } else if (properties.internalSecret() == null) {
            log.warn("rest-live.internal-secret-required=false and no secret: /internal/** is open to anyone who"
                    + " reaches this port");
        }
        Counter refusals = Counter.builder("restlive.processor.internal.refused")
                .description("Calls to /internal/** refused for want of the internal secret").register(registry);
        FilterRegistrationBean<InternalApiFilter> registration =
                new FilterRegistrationBean<>(new InternalApiFilter(properties, refusals::increment));
        registration.addUrlPatterns("/internal/*");
        registration.setName("internalApiFilter");
        return registration;
    }
}
