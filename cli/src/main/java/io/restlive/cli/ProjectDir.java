package io.restlive.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the rest-live project root: the directory holding the {@code rest-live} script and the root pom. */
final class ProjectDir {

    private ProjectDir() {
    }

    /**
     * The root given on the command line, else by the launcher script, else the first directory from the
     * working directory upwards that holds both {@code rest-live} and {@code pom.xml}.
     *
     * @param option the {@code --project-dir} value, or {@code null}
     * @throws UsageException if none is found
     */
    static Path find(CliContext context, String option) throws UsageException {
        if (option != null) {
            return requireRoot(context.resolve(option), "--project-dir");
        }
        if (context.projectDirProperty() != null && !context.projectDirProperty().isBlank()) {
            return requireRoot(context.resolve(context.projectDirProperty()), "-D" + CliContext.PROJECT_DIR_PROPERTY);
        }
        for (Path dir = context.cwd().toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new UsageException("cannot find the rest-live project root above " + context.cwd()
                + "; run from inside the project or pass --project-dir");
    }

    private static Path requireRoot(Path dir, String source) throws UsageException {
        if (!isRoot(dir)) {
            throw new UsageException(source + " " + dir + " is not the rest-live project root"
                    + " (it must hold the rest-live script and pom.xml)");
        }
        return dir;
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("rest-live")) && Files.isRegularFile(dir.resolve("pom.xml"));
    }
}
