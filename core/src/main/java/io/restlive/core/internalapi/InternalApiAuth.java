package io.restlive.core.internalapi;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one home of how a caller proves it may use the processor's {@code /internal/**} endpoints:
 * {@code Authorization: Bearer <rest-live.internal-secret>}, the secret shared by the processor and the
 * edges. Edges and processors add it with {@link #authorize}; the processor checks it with {@link #accepts}.
 */
public final class InternalApiAuth {

    /** The header that carries the secret. */
    public static final String HEADER = "Authorization";
    /** The least number of characters a secret may have. */
    public static final int MIN_SECRET_LENGTH = 16;

    private static final String SCHEME = "Bearer ";

    private InternalApiAuth() {
    }

    /** The header value for {@code secret}. */
    public static String headerValue(String secret) {
        return SCHEME + secret;
    }

    /** Adds the header to a request when a secret is configured; without one the request goes as it is. */
    public static HttpRequest.Builder authorize(HttpRequest.Builder request, String secret) {
        return secret == null || secret.isEmpty() ? request : request.header(HEADER, headerValue(secret));
    }

    /**
     * Whether a request's {@code Authorization} header carries {@code secret}, compared in constant time
     * (digests of equal length, so neither the content nor the length of the secret leaks through timing).
     *
     * @param header the header's value, or null when absent
     * @param secret the configured secret; null or empty accepts nothing
     */
    public static boolean accepts(String header, String secret) {
        if (secret == null || secret.isEmpty() || header == null
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        String presented = header.substring(SCHEME.length()).trim();
        return MessageDigest.isEqual(sha256(presented), sha256(secret));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
