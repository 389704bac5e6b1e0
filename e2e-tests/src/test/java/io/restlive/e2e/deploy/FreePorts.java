package io.restlive.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports the operating system reports free, standing in for the ports each container has to itself. */
final class FreePorts {

    private FreePorts() {
    }

    /** {@code count} distinct free ports: every probe socket stays open until all are chosen. */
    static List<Integer> take(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // A probe only: the port is free again either way.
                }
            }
        }
    }

    static int one() {
        return take(1).get(0);
    }
}
