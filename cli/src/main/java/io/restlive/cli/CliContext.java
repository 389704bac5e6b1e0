package io.restlive.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a subcommand may read and write: the environment, the caller's working directory and the standard
 * streams. Tests pass their own.
 *
 * @param env the environment variables
 * @param cwd the directory relative paths on the command line are resolved against
 * @param projectDirProperty the project root given by the launcher script ({@code -Drest-live.project-dir}),
 *     or {@code null}
 * @param in standard input, for {@code publish -}
 * @param out standard output
 * @param err standard error
 */
public record CliContext(Map<String, String> env, Path cwd, String projectDirProperty, InputStream in,
        PrintStream out, PrintStream err) {

    /** The system property the launcher script sets to the project root. */
    public static final String PROJECT_DIR_PROPERTY = "rest-live.project-dir";

    /** This process's environment, working directory and streams. */
    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(),
                System.getProperty(PROJECT_DIR_PROPERTY), System.in, System.out, System.err);
    }

    /** {@code path} resolved against the caller's working directory. */
    public Path resolve(String path) {
        return cwd.resolve(path).toAbsolutePath().normalize();
    }
}
