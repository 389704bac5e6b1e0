package io.restlive.core.internalapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class InternalApiAuthTest {

    private static final String SECRET = "a-shared-internal-secret";

    @Test
    void shouldAcceptTheBearerSecret() {
        assertThat(InternalApiAuth.accepts("Bearer " + SECRET, SECRET)).isTrue();
        assertThat(InternalApiAuth.accepts("bearer " + SECRET, SECRET)).as("scheme is case-insensitive").isTrue();
    }

    @Test
    void shouldRefuseAMissingOrWrongSecret() {
        assertThat(InternalApiAuth.accepts(null, SECRET)).isFalse();
        assertThat(InternalApiAuth.accepts("Bearer nope", SECRET)).isFalse();
        assertThat(InternalApiAuth.accepts("Bearer " + SECRET + "x", SECRET)).isFalse();
        assertThat(InternalApiAuth.accepts("Basic " + SECRET, SECRET)).isFalse();
        assertThat(InternalApiAuth.accepts(SECRET, SECRET)).isFalse();
    }

    @Test
    void shouldAcceptNothingWhenNoSecretIsConfigured() {
        assertThat(InternalApiAuth.accepts("Bearer ", null)).isFalse();
        assertThat(InternalApiAuth.accepts("Bearer ", "")).isFalse();
    }

    @Test
    void shouldAddTheHeaderOnlyWhenASecretIsConfigured() {
        HttpRequest with = InternalApiAuth.authorize(HttpRequest.newBuilder(URI.create("http://p/internal/lookup")), SECRET)
                .build();
        HttpRequest without = InternalApiAuth.authorize(HttpRequest.newBuilder(URI.create("http://p/internal/lookup")), null)
                .build();

        assertThat(with.headers().firstValue("Authorization")).contains("Bearer " + SECRET);
        assertThat(without.headers().firstValue("Authorization")).isEmpty();
    }
}
