package io.restlive.e2e.deploy;

import io.restlive.cli.stack.StackJars;
import java.nio.file.Path;

/** Where the checkout is (failsafe passes {@code rest-live.project-dir}) and the files the deploy tests read. */
final class Project {

    private Project() {
    }

    /** The project's root directory. */
    static Path dir() {
        String configured = System.getProperty("rest-live.project-dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return dir.toAbsolutePath().normalize();
    }

    /** The executable jars the Maven build made, which stand in for the images. */
    static StackJars jars() {
        return StackJars.in(dir());
    }

    /** The Helm chart. */
    static Path chart() {
        return dir().resolve("helm/rest-live");
    }

    /** A fresh directory under {@code e2e-tests/target/deploy/} for one test's files and logs. */
    static Path workDir(String name) {
        return dir().resolve("e2e-tests/target/deploy").resolve(name + "-" + Long.toString(System.nanoTime(), 36));
    }
}
