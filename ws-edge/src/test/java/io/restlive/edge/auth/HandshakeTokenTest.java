package io.restlive.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Where the handshake's token comes from: browsers cannot set headers on a WebSocket, other clients can. */
class HandshakeTokenTest {

    @Test
    void shouldReadABearerTokenFromTheAuthorizationHeader() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/ws/subscribe/")
                .header("Authorization", "bearer abc.def.ghi").build();

        assertThat(AuthenticatingWebSocketService.token(request)).isEqualTo("abc.def.ghi");
    }

    @Test
    void shouldReadTheAccessTokenQueryParameterWhenThereIsNoHeader() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/ws/subscribe/?access_token=abc.def.ghi").build();

        assertThat(AuthenticatingWebSocketService.token(request)).isEqualTo("abc.def.ghi");
    }

    @Test
    void shouldPreferTheHeaderOverTheQueryParameter() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/ws/subscribe/?access_token=from-query")
                .header("Authorization", "Bearer from-header").build();

        assertThat(AuthenticatingWebSocketService.token(request)).isEqualTo("from-header");
    }

    @Test
    void shouldFindNoTokenForAnAnonymousHandshake() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/ws/subscribe/")
                .header("Authorization", "Basic dXNlcjpwYXNz").build();

        assertThat(AuthenticatingWebSocketService.token(request)).isNull();
    }
}
