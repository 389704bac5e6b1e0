package io.restlive.bench.ws;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out loopback source addresses {@code 127.0.0.1} to {@code 127.0.0.<count>} in turn.
 *
 * <p>A client socket bound to one source address has about 28,000 ephemeral ports (Linux's default range)
 * toward one server port, and a closed connection holds its port in TIME_WAIT for a minute: spreading the
 * connections over several addresses lets one run open and close more than that.
 */
final class SourceAddresses {

    private final int count;
    private final AtomicLong next = new AtomicLong();

    SourceAddresses(int count) {
        this.count = count;
    }

    /** The next address, with port 0 (any ephemeral port). */
    InetSocketAddress next() {
        int host = (int) (next.getAndIncrement() % count) + 1;
        return new InetSocketAddress("127.0.0." + host, 0);
    }
}
