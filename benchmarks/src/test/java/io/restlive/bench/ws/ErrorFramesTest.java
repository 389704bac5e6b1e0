package io.restlive.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorFramesTest {

    @Test
    void shouldReadTheCodeOfAnErrorFrame() {
        assertThat(ErrorFrames.codeOf("{\"type\":\"error\",\"id\":7,\"code\":429,\"message\":\"Too many subscribes\"}"))
                .isEqualTo(429);
        assertThat(ErrorFrames.codeOf("{\"type\":\"broadcast\",\"id\":1,\"model\":\"m\",\"instance\":{\"code\":5}}"))
                .isEqualTo(ErrorFrames.NOT_AN_ERROR);
        assertThat(ErrorFrames.codeOf("{\"type\":\"error\",\"id\":null}")).isEqualTo(ErrorFrames.NOT_AN_ERROR);
    }

    @Test
    void shouldReadTheStatusOfARefusedHandshake() {
        // given
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.TOO_MANY_REQUESTS);
        Throwable refused = new CompletionException(new WebSocketClientHandshakeException("refused", response));

        // then
        assertThat(HandshakeRefusal.statusOf(refused)).isEqualTo(429);
        assertThat(HandshakeRefusal.statusOf(new IllegalStateException(
                "Invalid handshake response getStatus: 503 Service Unavailable"))).isEqualTo(503);
        assertThat(HandshakeRefusal.statusOf(new java.io.IOException("Connection reset")))
                .isEqualTo(HandshakeRefusal.NO_STATUS);
    }
}
