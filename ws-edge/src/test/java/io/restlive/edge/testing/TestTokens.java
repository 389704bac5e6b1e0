package io.restlive.edge.testing;

import io.restlive.edge.auth.TokenAuthenticator;
import io.restlive.edge.auth.TokenPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** HS256 tokens for tests, and an authenticator that checks them as an edge with {@code rest-live.jwt-secret} does. */
public final class TestTokens {

    public static final String SECRET = "a-test-secret-that-is-at-least-32-bytes-long";

    private TestTokens() {
    }

    /** A token with these claims (JSON), signed with {@code secret}. */
    public static String token(String secret, String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An authenticator for tokens signed with {@link #SECRET}, under {@code policy}. */
    public static TokenAuthenticator authenticator(TokenPolicy policy) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(policy.validator());
        return new TokenAuthenticator(decoder, policy.clockSkew());
    }
}
