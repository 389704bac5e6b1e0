package io.restlive.processor.internalapi;

import io.restlive.core.internalapi.InternalApiAuth;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes {@code /internal/**}: a call without {@code Authorization: Bearer <rest-live.internal-secret>}
 * gets 401, compared in constant time ({@link InternalApiAuth#accepts}). With no secret configured and
 * the secret required, every call gets 401; with {@code rest-live.internal-secret-required=false} and no
 * secret, every call passes.
 */
public final class InternalApiFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(InternalApiFilter.class);
    private static final byte[] REFUSED = "{\"error\":\"unauthorized: send Authorization: Bearer <rest-live.internal-secret>\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final InternalApiProperties properties;
    private final Runnable refused;

    /** @param refused counts a refused call */
    public InternalApiFilter(InternalApiProperties properties, Runnable refused) {
        this.properties = properties;
        this.refused = refused;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowed(request.getHeader(InternalApiAuth.HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        refused.run();
        log.debug("Refused {} {} from {}: no valid internal secret", request.getMethod(), request.getRequestURI(),
                request.getRemoteAddr());
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"rest-live-internal\"");
        response.setContentType("application/json");
        response.setContentLength(REFUSED.length);
        response.getOutputStream().write(REFUSED);
    }

    private boolean allowed(String header) {
        if (properties.internalSecret() == null) {
            return !properties.internalSecretRequired();
        }
        return InternalApiAuth.accepts(header, properties.internalSecret());
    }
}
