package io.restlive.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the load balancer's nginx configuration the tests rely on: the port it listens on, the
 * upstream servers it balances over, and whether it forwards WebSocket upgrades.
 *
 * @param listen the port of its {@code listen} directive
 * @param upstreams the {@code host:port} of each {@code server} in its {@code upstream} block
 * @param forwardsUpgrades whether it passes {@code Upgrade} and {@code Connection} on with HTTP/1.1
 */
record NginxConf(int listen, List<String> upstreams, boolean forwardsUpgrades) {

    private static final Pattern LISTEN = Pattern.compile("(?m)^\\s*listen\\s+(\\d+)\\s*;");
    private static final Pattern UPSTREAM_BLOCK = Pattern.compile("upstream\\s+\\S+\\s*\\{([^}]*)}");
    private static final Pattern SERVER = Pattern.compile("server\\s+([A-Za-z0-9.-]+:\\d+)[^;]*;");

    static NginxConf read(Path file) {
        String conf;
        try {
            conf = Files.readString(file).replaceAll("(?m)#.*$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher listen = LISTEN.matcher(conf);
        if (!listen.find()) {
            throw new AssertionError(file + " has no listen directive");
        }
        List<String> upstreams = new ArrayList<>();
        Matcher block = UPSTREAM_BLOCK.matcher(conf);
        while (block.find()) {
            Matcher server = SERVER.matcher(block.group(1));
            while (server.find()) {
                upstreams.add(server.group(1));
            }
        }
        boolean upgrades = conf.contains("proxy_http_version 1.1;")
                && conf.matches("(?s).*proxy_set_header\\s+Upgrade\\s+\\$http_upgrade\\s*;.*")
                && conf.matches("(?s).*proxy_set_header\\s+Connection\\s+\\$connection_upgrade\\s*;.*");
        return new NginxConf(Integer.parseInt(listen.group(1)), List.copyOf(upstreams), upgrades);
    }
}
