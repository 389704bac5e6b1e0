package io.restlive.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A docker-compose.yml as Compose reads it: YAML with anchors and merge keys, {@code ${VAR:-default}}
 * interpolated (from the given environment, here none: the file's defaults), and each service's settings in
 * the shapes Compose accepts for them.
 */
final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile read(Path file, Map<String, String> environment) {
        try {
            Object yaml = new Yaml().load(Files.readString(file));
            return new ComposeFile(asMap(interpolate(yaml, environment)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services in file order. */
    List<Service> services() {
        List<Service> services = new ArrayList<>();
        asMap(root.get("services")).forEach((name, spec) -> services.add(new Service(name, asMap(spec))));
        return services;
    }

    Service service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no service " + name + " in docker-compose.yml"));
    }

    /** One service's settings. */
    record Service(String name, Map<String, Object> spec) {

        Optional<String> image() {
            return Optional.ofNullable((String) spec.get("image"));
        }

        /** The build arguments, empty for a service run from a published image. */
        Map<String, String> buildArgs() {
            Object build = spec.get("build");
            return build instanceof Map<?, ?> map && map.get("args") != null ? strings(map.get("args")) : Map.of();
        }

        /** {@code environment}, as a map whether the file lists it as a map or as {@code KEY=value} lines. */
        Map<String, String> environment() {
            return strings(spec.getOrDefault("environment", Map.of()));
        }

        /** The container ports it declares ({@code expose}). */
        List<Integer> expose() {
            return list(spec.get("expose")).stream().map(p -> Integer.parseInt(String.valueOf(p))).toList();
        }

        /** Published ports: host port by container port. */
        Map<Integer, Integer> publishedPorts() {
            Map<Integer, Integer> ports = new LinkedHashMap<>();
            for (Object port : list(spec.get("ports"))) {
                String[] parts = String.valueOf(port).split(":");
                ports.put(Integer.parseInt(parts[parts.length - 1]), Integer.parseInt(parts[parts.length - 2]));
            }
            return ports;
        }

        /** {@code healthcheck.test}, empty if it has none. */
        List<String> healthCheck() {
            Object check = spec.get("healthcheck");
            return check == null ? List.of() : list(asMap(check).get("test")).stream().map(String::valueOf).toList();
        }

        /** The services it waits for, and the condition of each. */
        Map<String, String> dependsOn() {
            Object deps = spec.get("depends_on");
            Map<String, String> conditions = new LinkedHashMap<>();
            if (deps instanceof Map<?, ?> map) {
                map.forEach((name, how) -> conditions.put((String) name, String.valueOf(asMap(how).getOrDefault("condition", "service_started"))));
            } else {
                list(deps).forEach(name -> conditions.put((String) name, "service_started"));
            }
            return conditions;
        }

        /** Short-syntax volumes: container path by source ({@code ./file} or a named volume). */
        Map<String, String> volumes() {
            Map<String, String> volumes = new LinkedHashMap<>();
            for (Object volume : list(spec.get("volumes"))) {
                String[] parts = String.valueOf(volume).split(":");
                volumes.put(parts[1], parts[0]);
            }
            return volumes;
        }

        /** The other names it answers to on the default network. */
        List<String> aliases() {
            Object networks = spec.get("networks");
            if (!(networks instanceof Map<?, ?> map) || !(map.get("default") instanceof Map<?, ?> network)) {
                return List.of();
            }
            return list(network.get("aliases")).stream().map(String::valueOf).toList();
        }

        /** {@code deploy.resources.limits.memory} in bytes, or {@code null}. */
        Long memoryLimitBytes() {
            Object deploy = spec.get("deploy");
            if (deploy == null) {
                return null;
            }
            Object limits = asMap(asMap(asMap(deploy).get("resources")).get("limits")).get("memory");
            if (limits == null) {
                return null;
            }
            Matcher size = Pattern.compile("(\\d+)([kmg]?)b?", Pattern.CASE_INSENSITIVE).matcher(String.valueOf(limits));
            if (!size.matches()) {
                throw new AssertionError(name + ": memory limit " + limits + " is not a size");
            }
            long unit = switch (size.group(2).toLowerCase()) {
                case "k" -> 1L << 10;
                case "m" -> 1L << 20;
                case "g" -> 1L << 30;
                default -> 1L;
            };
            return Long.parseLong(size.group(1)) * unit;
        }
    }

    private static Object interpolate(Object node, Map<String, String> environment) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), interpolate(v, environment)));
            return out;
        }
        if (node instanceof List<?> items) {
            return items.stream().map(item -> interpolate(item, environment)).toList();
        }
        if (node instanceof String text) {
            Matcher matcher = VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String value = matcher.group(1) == null ? "$"
                        : environment.getOrDefault(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            return matcher.appendTail(out).toString();
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        return node == null ? Map.of() : (Map<String, Object>) node;
    }

    private static List<?> list(Object node) {
        return node == null ? List.of() : (List<?>) node;
    }

    private static Map<String, String> strings(Object node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else {
            for (Object line : list(node)) {
                String[] kv = String.valueOf(line).split("=", 2);
                out.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return out;
    }
}
