package io.restlive.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restlive.edge.metrics.EdgeMetrics.AuthFailure;
import io.restlive.edge.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {

    private static final String SECRET = TestTokens.SECRET;
    private static final Duration SKEW = Duration.ofSeconds(5);
    private static final TokenPolicy DEFAULTS = new TokenPolicy(true, SKEW, null, null, true);

    private final TokenAuthenticator authenticator = authenticator(DEFAULTS);

    private static TokenAuthenticator authenticator(TokenPolicy policy) {
        return TestTokens.authenticator(policy);
    }

    private static String token(String secret, String claims) {
        return TestTokens.token(secret, claims);
    }

    private static long inAnHour() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }

    private static void assertRefused(ThrowingCallable call, AuthFailure reason) {
        assertThatThrownBy(call).isInstanceOf(TokenAuthenticator.InvalidTokenException.class)
                .satisfies(e -> assertThat(((TokenAuthenticator.InvalidTokenException) e).reason()).isEqualTo(reason));
    }

    @Test
    void shouldTurnAValidTokenIntoTheUserExpressionsSeeAndItsExpiry() throws Exception {
        long exp = inAnHour();
        AuthenticatedUser authenticated = authenticator.authenticate(token(SECRET,
                "{\"sub\":\"42\",\"name\":\"Ada\",\"roles\":[\"admin\"],\"org\":\"x\",\"exp\":" + exp + "}"));

        assertThat(authenticated.user().authenticated()).isTrue();
        assertThat(authenticated.user().id()).isEqualTo("42");
        assertThat(authenticated.user().name()).isEqualTo("Ada");
        assertThat(authenticated.user().roles()).containsExactly("admin");
        assertThat(authenticated.user().claims().get("org").asString()).isEqualTo("x");
        assertThat(authenticated.expiresAt()).as("exp plus the allowed skew").isEqualTo(Instant.ofEpochSecond(exp).plus(SKEW));
    }

    @Test
    void shouldTreatNoTokenAsAnonymous() throws Exception {
        assertThat(authenticator.authenticate(null)).isEqualTo(AuthenticatedUser.ANONYMOUS);
    }

    @Test
    void shouldRejectAnExpiredTokenRatherThanTreatItAsAnonymous() {
        String expired = token(SECRET, "{\"sub\":\"42\",\"exp\":" + Instant.now().minusSeconds(60).getEpochSecond() + "}");

        assertRefused(() -> authenticator.authenticate(expired), AuthFailure.EXPIRED);
    }

    @Test
    void shouldAcceptATokenExpiredWithinTheClockSkew() throws Exception {
        String justExpired = token(SECRET, "{\"sub\":\"42\",\"exp\":" + Instant.now().minusSeconds(1).getEpochSecond() + "}");

        assertThat(authenticator.authenticate(justExpired).user().id()).isEqualTo("42");
    }

    @Test
    void shouldRejectATokenNotValidYet() {
        String future = token(SECRET, "{\"sub\":\"42\",\"exp\":" + inAnHour() + ",\"nbf\":"
                + Instant.now().plusSeconds(600).getEpochSecond() + "}");

        assertRefused(() -> authenticator.authenticate(future), AuthFailure.NOT_YET_VALID);
    }

    @Test
    void shouldRejectATokenSignedWithAnotherKey() {
        String forged = token("another-secret-that-is-at-least-32-bytes-long", "{\"sub\":\"42\",\"exp\":" + inAnHour() + "}");

        assertRefused(() -> authenticator.authenticate(forged), AuthFailure.BAD_SIGNATURE);
    }

    @Test
    void shouldRejectSomethingThatIsNotAJwt() {
        assertRefused(() -> authenticator.authenticate("not-a-jwt"), AuthFailure.MALFORMED);
    }

    @Test
    void shouldRejectEveryTokenWhenNoKeyIsConfigured() {
        assertRefused(() -> new TokenAuthenticator(null).authenticate("x.y.z"), AuthFailure.NOT_CONFIGURED);
    }

    @Test
    void shouldRequireAnExpiryByDefault() throws Exception {
        String forever = token(SECRET, "{\"sub\":\"42\"}");

        assertRefused(() -> authenticator.authenticate(forever), AuthFailure.MISSING_EXPIRY);
        assertThat(authenticator(new TokenPolicy(false, SKEW, null, null, true)).authenticate(forever).expiresAt())
                .as("allowed when not required, and then the connection never expires").isNull();
    }

    @Test
    void shouldRequireASubjectByDefault() throws Exception {
        String anonymousToken = token(SECRET, "{\"exp\":" + inAnHour() + "}");

        assertRefused(() -> authenticator.authenticate(anonymousToken), AuthFailure.MISSING_SUBJECT);
        assertThat(authenticator(new TokenPolicy(true, SKEW, null, null, false)).authenticate(anonymousToken).user().id())
                .as("allowed when not required: a user without id").isNull();
    }

    @Test
    void shouldCheckTheIssuerWhenOneIsExpected() throws Exception {
        TokenAuthenticator expectingIssuer = authenticator(new TokenPolicy(true, SKEW, "https://idp.example", null, true));

        assertThat(expectingIssuer.authenticate(token(SECRET, "{\"sub\":\"1\",\"iss\":\"https://idp.example\",\"exp\":"
                + inAnHour() + "}")).user().id()).isEqualTo("1");
        assertRefused(() -> expectingIssuer.authenticate(token(SECRET, "{\"sub\":\"1\",\"iss\":\"https://evil.example\","
                + "\"exp\":" + inAnHour() + "}")), AuthFailure.WRONG_ISSUER);
        assertRefused(() -> expectingIssuer.authenticate(token(SECRET, "{\"sub\":\"1\",\"exp\":" + inAnHour() + "}")),
                AuthFailure.WRONG_ISSUER);
    }

    @Test
    void shouldCheckTheAudienceWhenOneIsExpected() throws Exception {
        TokenAuthenticator expectingAudience = authenticator(new TokenPolicy(true, SKEW, null, "rest-live", true));

        assertThat(expectingAudience.authenticate(token(SECRET, "{\"sub\":\"1\",\"aud\":[\"api\",\"rest-live\"],\"exp\":"
                + inAnHour() + "}")).user().id()).isEqualTo("1");
        assertThat(expectingAudience.authenticate(token(SECRET, "{\"sub\":\"1\",\"aud\":\"rest-live\",\"exp\":"
                + inAnHour() + "}")).user().id()).isEqualTo("1");
        assertRefused(() -> expectingAudience.authenticate(token(SECRET, "{\"sub\":\"1\",\"aud\":\"billing\",\"exp\":"
                + inAnHour() + "}")), AuthFailure.WRONG_AUDIENCE);
        assertRefused(() -> expectingAudience.authenticate(token(SECRET, "{\"sub\":\"1\",\"exp\":" + inAnHour() + "}")),
                AuthFailure.WRONG_AUDIENCE);
    }
}
