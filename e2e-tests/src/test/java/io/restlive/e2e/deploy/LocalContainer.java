package io.restlive.e2e.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a container's settings as a local process of the service's jar (the image's content; the image itself
 * cannot be built here). What a container has of its own becomes the local equivalent, each explicitly:
 * <ul>
 *   <li>names of other services: local addresses ({@link Addresses});</li>
 *   <li>its ports: free local ports, in every variable {@code *_PORT} that names a declared port
 *       ({@code SERVER_PORT}, {@code MANAGEMENT_SERVER_PORT});</li>
 *   <li>its mounts: local directories, in every variable whose value is under a mount path;</li>
 *   <li>its memory limit: {@code -XX:MaxRAM} (what the JVM reads from the cgroup), its {@code /tmp} mount:
 *       {@code -Djava.io.tmpdir}, both after its own {@code JAVA_TOOL_OPTIONS};</li>
 *   <li>its network namespace: {@code SERVER_ADDRESS} (and {@code MANAGEMENT_SERVER_ADDRESS} with a management
 *       port) 127.0.0.1, so that nothing of the test listens beyond the machine.</li>
 * </ul>
 * Nothing else is added, and nothing is inherited from the test JVM's environment.
 */
final class LocalContainer {

    private LocalContainer() {
    }

    /**
     * @param env the container's environment, resolved
     * @param ports local port by declared container port
     * @param mounts local directory by mount path
     * @param memoryLimitBytes the container's memory limit, or {@code null}
     */
    static Map<String, String> localEnv(Map<String, String> env, Addresses addresses, Map<Integer, Integer> ports,
                                        Map<String, Path> mounts, Long memoryLimitBytes) {
        Map<String, String> local = new LinkedHashMap<>();
        List<String> mountPaths = mounts.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        env.forEach((name, value) -> {
            String v = addresses.apply(name, value);
            if (name.endsWith("_PORT") && v.matches("\\d{1,5}") && ports.containsKey(Integer.parseInt(v))) {
                v = String.valueOf(ports.get(Integer.parseInt(v)));
            }
            for (String mountPath : mountPaths) {
                if (v.equals(mountPath) || v.startsWith(mountPath + "/")) {
                    v = mounts.get(mountPath) + v.substring(mountPath.length());
                    break;
                }
            }
            local.put(name, v);
        });
        List<String> jvm = new ArrayList<>();
        if (memoryLimitBytes != null) {
            jvm.add("-XX:MaxRAM=" + memoryLimitBytes);
        }
        if (mounts.containsKey("/tmp")) {
            jvm.add("-Djava.io.tmpdir=" + mounts.get("/tmp"));
        }
        if (!jvm.isEmpty()) {
            String own = local.getOrDefault("JAVA_TOOL_OPTIONS", "");
            local.put("JAVA_TOOL_OPTIONS", (own + " " + String.join(" ", jvm)).strip());
        }
        local.put("SERVER_ADDRESS", "127.0.0.1");
        if (local.containsKey("MANAGEMENT_SERVER_PORT")) {
            // Spring refuses a management address without a management port of its own.
            local.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        }
        return local;
    }

    /** {@code java -jar <jar> <args>} in {@code dir}, with exactly {@code env}. */
    static LocalProcess start(String name, Path jar, List<String> args, Map<String, String> env, Path dir, Path logDir) {
        List<String> command = new ArrayList<>(List.of(LocalProcess.java(), "-jar", jar.toString()));
        command.addAll(args);
        return LocalProcess.start(name, command, dir, env, logDir);
    }
}
