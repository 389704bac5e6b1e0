package io.restlive.core.views;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A loaded, validated views file: its views (every expression compiled) and the endpoints that serve
 * them. The processor and every edge load the same file.
 *
 * @param views the views, in file order
 * @param endpoints the endpoints, in file order; a file without {@code endpoints} serves every view at
 *     {@code /ws/subscribe/}, publicly
 */
public record ViewsFile(List<View> views, List<Endpoint> endpoints) {

    /** The path served when a views file declares no endpoints. */
    public static final String DEFAULT_ENDPOINT = "/ws/subscribe/";

    public ViewsFile {
        views = List.copyOf(views);
        endpoints = List.copyOf(endpoints);
    }

    /**
     * Loads and validates a views file.
     *
     * @throws ViewsFileException if it cannot be read or is not valid; the message says where and why
     */
    public static ViewsFile load(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ViewsFileException(path + ": cannot read the views file (" + e + ")", e);
        }
        return parse(text, path.toString());
    }

    /**
     * Parses and validates views YAML.
     *
     * @param yaml the file's text
     * @param source a name for messages, usually the file's path
     * @throws ViewsFileException if it is not valid
     */
    public static ViewsFile parse(String yaml, String source) {
        return new ViewsFileParser(source).parse(yaml);
    }

    /** The view named {@code name}. */
    public Optional<View> view(String name) {
        return views.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The models the views name, each once. */
    public Set<String> models() {
        return views.stream().map(View::model).collect(Collectors.toUnmodifiableSet());
    }

    /** The endpoint at {@code path}; a trailing slash is optional on either side. */
    public Optional<Endpoint> endpoint(String path) {
        String wanted = stripSlash(path);
        return endpoints.stream().filter(e -> stripSlash(e.path()).equals(wanted)).findFirst();
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
