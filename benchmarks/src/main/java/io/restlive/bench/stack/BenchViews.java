package io.restlive.bench.stack;

import io.restlive.core.views.View;
import io.restlive.core.views.ViewsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The views file of the benchmark: one view per scenario, each on a model of its own, so that a scenario's
 * groups never cost another scenario anything (the processor looks groups up by model). Every view filters
 * on an equality with a kwarg, the indexed shape, and serializes every field, {@code sentNanos} included.
 */
public final class BenchViews {

    /** The endpoint every view is served on. */
    public static final String PATH = "/ws/subscribe/";

    /** The scenarios' models, by view name. */
    public static final String FANOUT = "bench.Item";
    public static final String MATCHING = "bench.Match";
    public static final String SHARING = "bench.Shared";
    public static final String STORM = "bench.Storm";
    public static final String IDLE = "bench.Idle";
    public static final String FLOOR = "bench.Floor";
    public static final String EDGES = "bench.Edges";
    public static final String ABUSE = "bench.Abuse";

    private static final List<String[]> VIEWS = List.of(
            new String[] {"fanout", FANOUT}, new String[] {"matching", MATCHING}, new String[] {"sharing", SHARING},
            new String[] {"storm", STORM}, new String[] {"idle", IDLE}, new String[] {"floor", FLOOR},
            new String[] {"edges", EDGES}, new String[] {"abuse", ABUSE});

    private BenchViews() {
    }

    /** The file's YAML. */
    public static String yaml() {
        StringBuilder yaml = new StringBuilder("views:\n");
        for (String[] view : VIEWS) {
            yaml.append("  - name: ").append(view[0]).append('\n')
                    .append("    model: ").append(view[1]).append('\n')
                    .append("    queryset: \"instance.group == int(kwargs.group)\"\n");
        }
        yaml.append("endpoints:\n  - path: ").append(PATH).append("\n    public: true\n    views: [");
        yaml.append(String.join(", ", VIEWS.stream().map(v -> v[0]).toList())).append("]\n");
        return yaml.toString();
    }

    /** Writes the file into {@code dir} and returns its path. */
    public static Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("bench-views.yaml"), yaml());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark views file into " + dir, e);
        }
    }

    /** The parsed view of a scenario, as the processor and the edges load it. */
    public static View view(String name) {
        return ViewsFile.parse(yaml(), "bench-views.yaml").view(name)
                .orElseThrow(() -> new IllegalArgumentException("no benchmark view " + name));
    }
}
