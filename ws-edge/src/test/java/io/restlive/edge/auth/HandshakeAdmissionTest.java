package io.restlive.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restlive.edge.metrics.EdgeMetrics;
import io.restlive.edge.metrics.EdgeMetrics.AuthFailure;
import io.restlive.edge.metrics.EdgeMetrics.Limit;
import io.restlive.edge.protocol.ClientBudget;
import io.restlive.edge.testing.TestEdgeServer;
import io.restlive.edge.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.publisher.Mono;

/**
 * Which handshakes an edge admits, as a browser sees it: a foreign origin gets 403, a full edge 503, a bad
 * token 401 (logged with its reason, never the token), a client over its own cap 429; all before the upgrade.
 */
@ExtendWith(OutputCaptureExtension.class)
class HandshakeAdmissionTest {

    private static final String SECRET = TestTokens.SECRET;

    private final EdgeMetrics metrics = EdgeMetrics.inMemory();

    private static TokenAuthenticator authenticator() {
        return TestTokens.authenticator(new TokenPolicy(true, Duration.ZERO, null, null, true));
    }

    /** Holds every accepted connection open until the client leaves. */
    private static final AuthenticatedHandler HOLD_OPEN = new AuthenticatedHandler() {
        @Override
        public Mono<Void> handle(org.springframework.web.reactive.socket.WebSocketSession session, AuthenticatedUser user,
                                 io.restlive.edge.protocol.ClientBudget budget) {
            return session.receive().then();
        }
    };

    private TestEdgeServer server(List<String> origins, int maxConnections, int maxPerUser) {
        return new TestEdgeServer(authenticator(), new OriginPolicy(origins), new ConnectionCaps(maxConnections, maxPerUser),
                metrics, HOLD_OPEN);
    }

    private static String token(String subject) {
        return TestTokens.token(SECRET, "{\"sub\":\"" + subject + "\",\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
    }

    @Test
    void shouldRefuseAForeignOriginWith403AndAdmitAnAllowedOrNoOrigin() {
        try (TestEdgeServer server = server(List.of("https://app.example.com"), 10, 10);
             TestEdgeServer.Client foreign = server.connect(Map.of("Origin", "https://evil.example"));
             TestEdgeServer.Client allowed = server.connect(Map.of("Origin", "https://APP.example.com"));
             TestEdgeServer.Client noOrigin = server.connect(Map.of())) {

            assertThat(foreign.refusedWith).isEqualTo(403);
            assertThat(allowed.accepted()).isTrue();
            assertThat(noOrigin.accepted()).as("not a browser").isTrue();
            assertThat(metrics.count(AuthFailure.ORIGIN)).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseAHandshakeWith503WhenTheEdgeIsFullAndAdmitAgainOnceAConnectionCloses() {
        try (TestEdgeServer server = server(List.of(), 2, 10);
             TestEdgeServer.Client first = server.connect(Map.of("Authorization", "Bearer " + token("a")));
             TestEdgeServer.Client second = server.connect(Map.of("Authorization", "Bearer " + token("b")))) {
            // when
            TestEdgeServer.Client third = server.connect(Map.of("Authorization", "Bearer " + token("c")));

            // then
            assertThat(first.accepted() && second.accepted()).isTrue();
            assertThat(third.refusedWith).isEqualTo(503);
            assertThat(third.retryAfter).isEqualTo("5");
            assertThat(metrics.count(Limit.CONNECTIONS)).isEqualTo(1);

            // and a slot comes back when a connection ends
            first.close();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (TestEdgeServer.Client again = server.connect(Map.of("Authorization", "Bearer " + token("c")))) {
                    assertThat(again.accepted()).isTrue();
                }
            });
        }
    }

    @Test
    void shouldRefuseAUserOrAnAnonymousAddressOverItsCapWith429() {
        try (TestEdgeServer server = server(List.of(), 100, 2);
             TestEdgeServer.Client a1 = server.connect(Map.of("Authorization", "Bearer " + token("alice")));
             TestEdgeServer.Client a2 = server.connect(Map.of("Authorization", "Bearer " + token("alice")));
             TestEdgeServer.Client a3 = server.connect(Map.of("Authorization", "Bearer " + token("alice")));
             TestEdgeServer.Client bob = server.connect(Map.of("Authorization", "Bearer " + token("bob")));
             TestEdgeServer.Client anon1 = server.connect(Map.of());
             TestEdgeServer.Client anon2 = server.connect(Map.of());
             TestEdgeServer.Client anon3 = server.connect(Map.of())) {

            assertThat(List.of(a1, a2, bob, anon1, anon2)).allMatch(TestEdgeServer.Client::accepted);
            assertThat(a3.refusedWith).isEqualTo(429);
            assertThat(anon3.refusedWith).as("anonymous connections count by remote address").isEqualTo(429);
            assertThat(metrics.count(Limit.CONNECTIONS_PER_USER)).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseAUserThatOpensConnectionsFasterThanItsHandshakeRateWith429() {
        // given: a handshake a minute, in bursts of 2, per user
        ConnectionCaps caps = new ConnectionCaps(100, 100, new ClientBudget.Settings(1000, 1000, 1000, 1 / 60.0, 2, 1000, 1000, 1000, 1000),
                System::nanoTime);
        try (TestEdgeServer server = new TestEdgeServer(authenticator(), new OriginPolicy(List.of()), caps, metrics,
                HOLD_OPEN)) {
            // when: alice opens and closes two, then opens a third
            for (int i = 0; i < 2; i++) {
                try (TestEdgeServer.Client client = server.connect(Map.of("Authorization", "Bearer " + token("alice")))) {
                    assertThat(client.accepted()).isTrue();
                }
            }
            try (TestEdgeServer.Client third = server.connect(Map.of("Authorization", "Bearer " + token("alice")));
                 TestEdgeServer.Client bob = server.connect(Map.of("Authorization", "Bearer " + token("bob")))) {

                // then: closing them gave nothing back; another user is not affected
                assertThat(third.refusedWith).isEqualTo(429);
                assertThat(third.retryAfter).isEqualTo("1");
                assertThat(bob.accepted()).isTrue();
                assertThat(metrics.count(Limit.HANDSHAKE_RATE_PER_USER)).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldRefuseABadTokenWith401AndLogTheReasonButNeverTheToken(CapturedOutput output) {
        String expired = TestTokens.token(SECRET, "{\"sub\":\"42\",\"exp\":"
                + Instant.now().minusSeconds(60).getEpochSecond() + "}");
        String forged = TestTokens.token("another-secret-that-is-at-least-32-bytes-long",
                "{\"sub\":\"42\",\"exp\":" + Instant.now().plusSeconds(60).getEpochSecond() + "}");
        try (TestEdgeServer server = server(List.of(), 10, 10);
             TestEdgeServer.Client late = server.connect(Map.of("Authorization", "Bearer " + expired));
             TestEdgeServer.Client fake = server.connect("?access_token=" + forged, Map.of())) {

            assertThat(late.refusedWith).isEqualTo(401);
            assertThat(fake.refusedWith).isEqualTo(401);
            assertThat(metrics.count(AuthFailure.EXPIRED)).isEqualTo(1);
            assertThat(metrics.count(AuthFailure.BAD_SIGNATURE)).isEqualTo(1);
            assertThat(output.getAll()).contains("expired").contains("bad_signature")
                    .doesNotContain(expired).doesNotContain(forged)
                    .doesNotContain(expired.substring(expired.lastIndexOf('.') + 1));
        }
    }

    @Test
    void shouldGiveEverySlotBackWhenTheirConnectionsEnd() {
        ConnectionCaps caps = new ConnectionCaps(10, 10);
        try (TestEdgeServer server = new TestEdgeServer(authenticator(), new OriginPolicy(List.of()), caps, metrics,
                HOLD_OPEN)) {
            List<TestEdgeServer.Client> clients = List.of(server.connect(Map.of()), server.connect(Map.of()),
                    server.connect(Map.of("Authorization", "Bearer " + token("x"))));
            assertThat(caps.connections()).isEqualTo(3);

            clients.forEach(TestEdgeServer.Client::close);

            await().atMost(Duration.ofSeconds(30)).until(() -> caps.connections() == 0);
            assertThat(caps.connections("address:127.0.0.1")).isZero();
        }
    }
}
