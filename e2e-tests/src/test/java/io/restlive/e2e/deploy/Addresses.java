package io.restlive.e2e.deploy;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test's stand-in for cluster DNS: names a deployment uses ({@code svc.ns.svc:8081}, {@code kafka:9092},
 * a pod's headless-service name) and the local address that answers for each. Applied to environment
 * variables, whole names only ({@code processor:8081} is not rewritten inside {@code my-processor:8081}):
 * {@code host:port} in any variable, a bare host only in a variable named {@code *_HOST} (an advertised host),
 * since a bare name elsewhere is a name (Compose's {@code REST_LIVE_INSTANCE_ID: processor-1}), not an address.
 */
final class Addresses {

    private final Map<String, String> hostPorts = new LinkedHashMap<>();
    private final Map<String, String> hosts = new LinkedHashMap<>();

    /** {@code host:port} is reached at {@code 127.0.0.1:localPort}. */
    Addresses map(String host, int port, int localPort) {
        hostPorts.put(host + ":" + port, "127.0.0.1:" + localPort);
        hosts.put(host, "127.0.0.1");
        return this;
    }

    /** {@code host} (without a port: a host another process is told to advertise) is 127.0.0.1. */
    Addresses mapHost(String host) {
        hosts.put(host, "127.0.0.1");
        return this;
    }

    /** {@code hostPort} ({@code host:port}, e.g. a bootstrap server) is reached at {@code address}. */
    Addresses mapHostPort(String hostPort, String address) {
        hostPorts.put(hostPort, address);
        hosts.put(hostPort.substring(0, hostPort.lastIndexOf(':')), "127.0.0.1");
        return this;
    }

    /** The value of {@code variable} with every known {@code host:port} (and, in a {@code *_HOST}, host) replaced. */
    String apply(String variable, String value) {
        String out = replace(value, hostPorts);
        return variable.endsWith("_HOST") ? replace(out, hosts) : out;
    }

    private static String replace(String value, Map<String, String> names) {
        List<String> longestFirst = names.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        String out = value;
        for (String name : longestFirst) {
            Pattern whole = Pattern.compile("(?<![A-Za-z0-9.-])" + Pattern.quote(name) + "(?![A-Za-z0-9.-])");
            out = whole.matcher(out).replaceAll(Matcher.quoteReplacement(names.get(name)));
        }
        return out;
    }
}
