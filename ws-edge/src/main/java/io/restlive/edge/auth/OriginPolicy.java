package io.restlive.edge.auth;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open a WebSocket to this edge, by their {@code Origin} header. Browsers always
 * send it, so a page of another site cannot use a visitor's token (cross-site WebSocket hijacking); clients
 * that are not browsers usually send none and are let through, as they are not the threat it guards against.
 * An empty list allows every origin (the local stack's default).
 */
public final class OriginPolicy {

    private final Set<String> allowed;

    /**
     * @param allowedOrigins {@code scheme://host[:port]} entries, compared case-insensitively
     * @throws IllegalArgumentException naming {@code rest-live.allowed-origins} for an entry that is not an origin
     */
    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(OriginPolicy::validated).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a handshake with this {@code Origin} header (null when absent) may proceed. */
    public boolean allows(String origin) {
        return allowed.isEmpty() || origin == null || allowed.contains(normalize(origin));
    }

    /** True if every origin is allowed. */
    public boolean allowsAny() {
        return allowed.isEmpty();
    }

    private static String validated(String entry) {
        String origin = normalize(entry);
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            throw invalid(entry);
        }
        if (uri.getScheme() == null || uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw invalid(entry);
        }
        return origin;
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException("rest-live.allowed-origins: '" + entry + "' is not an origin; write"
                + " scheme://host[:port] with no path, e.g. https://app.example.com");
    }

    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
