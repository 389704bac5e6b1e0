package io.restlive.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.edge.protocol.ClientBudget;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectionCapsTest {

    private final AtomicLong nanos = new AtomicLong();
    /** 3 connections per client; handshakes 1 a second in bursts of 2; error answers 1 a second in bursts of 5. */
    private final ConnectionCaps caps = new ConnectionCaps(100, 3,
            new ClientBudget.Settings(1000, 1000, 1000, 1, 2, 1000, 1000, 1, 5), nanos::get);

    private ConnectionCaps.Admission handshake(String client) {
        return caps.acquireFor(client, caps.acquire().orElseThrow());
    }

    @Test
    void shouldRefuseAClientThatOpensConnectionsFasterThanItsHandshakeRateEvenAfterClosingThem() {
        // given: two connections at once, the burst, closed at once
        handshake("address:10.0.0.1").permit().release();
        handshake("address:10.0.0.1").permit().release();

        // when: a third at once
        ConnectionCaps.Admission third = handshake("address:10.0.0.1");

        // then: refused by the rate (it holds no connection), and its edge slot given back
        assertThat(third.admitted()).isFalse();
        assertThat(third.refusal()).isEqualTo(ConnectionCaps.Refusal.HANDSHAKE_RATE);
        assertThat(caps.connections()).isZero();
        assertThat(handshake("address:10.0.0.2").admitted()).as("another client").isTrue();

        // and: a second later it may open one more
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(handshake("address:10.0.0.1").admitted()).isTrue();
    }

    @Test
    void shouldRefuseTheHandshakesOfAClientWhoseConnectionsUsedUpItsErrorsUntilOneRefills() {
        // given: a connection of alice's answered 5 errors, its client's burst
        ConnectionCaps.Permit first = handshake("user:alice").permit();
        for (int i = 0; i < 5; i++) {
            assertThat(first.budget().tryError()).isTrue();
        }
        assertThat(first.budget().tryError()).as("the sixth: the connection is closed").isFalse();
        first.release();

        // when: she comes straight back
        ConnectionCaps.Admission again = handshake("user:alice");

        // then: refused, and only her
        assertThat(again.refusal()).isEqualTo(ConnectionCaps.Refusal.ERRORS);
        assertThat(handshake("user:bob").admitted()).isTrue();

        // and: a second later one error answer has refilled, and she may connect again
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(handshake("user:alice").admitted()).isTrue();
    }

    @Test
    void shouldShareOneBudgetBetweenTheConnectionsOfAClient() {
        // when
        ClientBudget first = handshake("user:alice").permit().budget();
        ClientBudget second = handshake("user:alice").permit().budget();

        // then
        assertThat(second).isSameAs(first);
        assertThat(handshake("user:bob").permit().budget()).isNotSameAs(first);
    }

    @Test
    void shouldRefuseAClientHoldingItsCapOfConnections() {
        // given: the cap of 3, over two seconds so that the rate allows them
        handshake("user:alice");
        handshake("user:alice");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        handshake("user:alice");

        // when
        ConnectionCaps.Admission fourth = handshake("user:alice");

        // then
        assertThat(fourth.refusal()).isEqualTo(ConnectionCaps.Refusal.CONNECTIONS_PER_CLIENT);
        assertThat(caps.connections("user:alice")).isEqualTo(3);
    }

    @Test
    void shouldForgetIdleClientsButNotThoseThatHoldConnectionsOrHaveNotRefilled() {
        // given: alice holds a connection; bob closed his; carol closed hers just now
        handshake("user:alice");
        handshake("user:bob").permit().release();
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        handshake("user:carol").permit().release();
        assertThat(caps.clients()).isEqualTo(2);

        // when: the next sweep, 11 s later
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        handshake("user:dave");

        // then: bob was forgotten at carol's handshake; carol now too; alice and dave stay
        assertThat(caps.clients()).isEqualTo(2);
        assertThat(caps.connections("user:alice")).isEqualTo(1);
        assertThat(caps.connections("user:dave")).isEqualTo(1);
    }
}
