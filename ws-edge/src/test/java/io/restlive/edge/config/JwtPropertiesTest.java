package io.restlive.edge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Token settings have secure defaults, and provider keys without an expected issuer and audience fail start-up. */
class JwtPropertiesTest {

    private static JwtProperties withProvider(String issuerUri, String jwkSetUri, String issuer, String audience) {
        return new JwtProperties(null, issuerUri, jwkSetUri, issuer, audience, true, Duration.ofSeconds(5), true, Duration.ofSeconds(60));
    }

    @Test
    void shouldRequireTheIssuerWithAnIssuerUriOrAJwkSetUri() {
        assertThatThrownBy(() -> withProvider("https://idp.example", null, null, "rest-live"))
                .hasMessageContaining("rest-live.jwt-issuer is required");
        assertThatThrownBy(() -> withProvider(null, "https://idp.example/jwks", null, "rest-live"))
                .hasMessageContaining("rest-live.jwt-issuer is required");
    }

    @Test
    void shouldRequireTheAudienceWithAnIssuerUriOrAJwkSetUri() {
        assertThatThrownBy(() -> withProvider(null, "https://idp.example/jwks", "https://idp.example", " "))
                .hasMessageContaining("rest-live.jwt-audience is required");
    }

    @Test
    void shouldAcceptProviderKeysWithIssuerAndAudience() {
        JwtProperties properties = withProvider("https://idp.example", null, "https://idp.example", "rest-live");

        assertThat(properties.policy().issuer()).isEqualTo("https://idp.example");
        assertThat(properties.policy().audience()).isEqualTo("rest-live");
        assertThat(properties.policy().requireExpiry()).isTrue();
        assertThat(properties.policy().requireSubject()).isTrue();
    }

    @Test
    void shouldRefuseAClockSkewOutOfBounds() {
        assertThatThrownBy(() -> new JwtProperties(null, null, null, null, null, true, Duration.ofMinutes(10), true, Duration.ofSeconds(60)))
                .hasMessageContaining("rest-live.jwt-clock-skew");
        assertThatThrownBy(() -> new JwtProperties(null, null, null, null, null, true, Duration.ofSeconds(-1), true, Duration.ofSeconds(60)))
                .hasMessageContaining("rest-live.jwt-clock-skew");
    }

    @Test
    void shouldRefuseAShortSecretAndMaskALongOne() {
        assertThatThrownBy(() -> new JwtProperties("short", null, null, null, null, true, Duration.ZERO, true, Duration.ofSeconds(60)))
                .hasMessageContaining("rest-live.jwt-secret");
        String secret = "a-secret-that-is-at-least-32-bytes-long!";
        assertThat(new JwtProperties(secret, null, null, null, null, true, Duration.ZERO, true, Duration.ofSeconds(60)).toString())
                .doesNotContain(secret);
    }
}
