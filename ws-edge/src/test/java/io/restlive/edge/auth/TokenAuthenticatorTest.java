package io.restlive.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restlive.core.views.LiveUser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class TokenAuthenticatorTest {

    private static final String SECRET = "a-test-secret-that-is-at-least-32-bytes-long";

    private final TokenAuthenticator authenticator = new TokenAuthenticator(NimbusJwtDecoder
            .withSecretKey(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
            .macAlgorithm(MacAlgorithm.HS256).build());

    private static String token(String secret, String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    private static long inAnHour() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }

    @Test
    void shouldTurnAValidTokenIntoTheUserExpressionsSee() throws Exception {
        LiveUser user = authenticator.authenticate(token(SECRET,
                "{\"sub\":\"42\",\"name\":\"Ada\",\"roles\":[\"admin\"],\"org\":\"x\",\"exp\":" + inAnHour() + "}"));

        assertThat(user.authenticated()).isTrue();
        assertThat(user.id()).isEqualTo("42");
        assertThat(user.name()).isEqualTo("Ada");
        assertThat(user.roles()).containsExactly("admin");
        assertThat(user.claims().get("org").asString()).isEqualTo("x");
    }

    @Test
    void shouldTreatNoTokenAsAnonymous() throws Exception {
        assertThat(authenticator.authenticate(null)).isEqualTo(LiveUser.ANONYMOUS);
    }

    @Test
    void shouldRejectAnExpiredTokenRatherThanTreatItAsAnonymous() throws Exception {
        String expired = token(SECRET, "{\"sub\":\"42\",\"exp\":" + Instant.now().minusSeconds(600).getEpochSecond() + "}");

        assertThatThrownBy(() -> authenticator.authenticate(expired))
                .isInstanceOf(TokenAuthenticator.InvalidTokenException.class);
    }

    @Test
    void shouldRejectATokenSignedWithAnotherKey() throws Exception {
        String forged = token("another-secret-that-is-at-least-32-bytes-long", "{\"sub\":\"42\",\"exp\":" + inAnHour() + "}");

        assertThatThrownBy(() -> authenticator.authenticate(forged))
                .isInstanceOf(TokenAuthenticator.InvalidTokenException.class);
    }

    @Test
    void shouldRejectEveryTokenWhenNoKeyIsConfigured() {
        assertThatThrownBy(() -> new TokenAuthenticator(null).authenticate("x.y.z"))
                .isInstanceOf(TokenAuthenticator.InvalidTokenException.class);
    }
}
