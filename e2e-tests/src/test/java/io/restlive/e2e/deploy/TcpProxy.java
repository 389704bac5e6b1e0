package io.restlive.e2e.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that hands each connection to the next upstream port in turn: what a Service's
 * virtual IP (or Docker's DNS round robin, or a load balancer) does for the tests. Bytes are copied both
 * ways unchanged, so HTTP and WebSocket upgrades pass as they are.
 */
final class TcpProxy implements AutoCloseable {

    private final String name;
    private final ServerSocket server;
    private final List<Integer> upstreams;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private TcpProxy(String name, ServerSocket server, List<Integer> upstreams) {
        this.name = name;
        this.server = server;
        this.upstreams = List.copyOf(upstreams);
    }

    /** Listens on {@code port} (0: any free one) and forwards to {@code 127.0.0.1:<upstream>}. */
    static TcpProxy start(String name, int port, List<Integer> upstreams) {
        try {
            ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(name, server, upstreams);
            Thread acceptor = new Thread(proxy::acceptLoop, "proxy-" + name);
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("proxy " + name + " cannot listen on " + port, e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                int upstream = upstreams.get(Math.floorMod(next.getAndIncrement(), upstreams.size()));
                Socket target = new Socket();
                try {
                    target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream), 5_000);
                } catch (IOException refused) {
                    client.close();
                    continue;
                }
                open.add(client);
                open.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                // Closed: the loop ends; anything else ends that one connection only.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // One side went away: close both below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-" + name + "-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }
}
