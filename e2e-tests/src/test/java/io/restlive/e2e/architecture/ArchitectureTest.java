package io.restlive.e2e.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules, as a test rather than prose: schemas imports nothing of ours, the processor
 * and the edge never import each other and share through core, the end-to-end tests use no {@code internal}
 * package, and no service has package cycles. Checked on the modules' compiled classes (main and test), which
 * the reactor builds before this module.
 */
class ArchitectureTest {

    private static final List<String> MODULES = List.of("schemas", "core", "producer-lib",
            "producer-spring-boot-starter", "subscription-processor", "ws-edge", "cli", "e2e-tests");

    private static JavaClasses classes;
    private static JavaClasses mainClasses;

    @BeforeAll
    static void importEveryModule() {
        Path root = Path.of(System.getProperty("rest-live.project-dir", "..")).toAbsolutePath().normalize();
        classes = importFrom(root, "target/classes", "target/test-classes");
        mainClasses = importFrom(root, "target/classes");
    }

    private static JavaClasses importFrom(Path root, String... outputs) {
        List<Path> dirs = MODULES.stream()
                .flatMap(module -> java.util.Arrays.stream(outputs).map(output -> root.resolve(module).resolve(output)))
                .filter(Files::isDirectory).toList();
        return new ClassFileImporter().importPaths(dirs);
    }

    @Test
    void schemasShouldDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.restlive.schemas..")
                .should().dependOnClassesThat().resideInAnyPackage("io.restlive.core..", "io.restlive.processor..",
                        "io.restlive.edge..", "io.restlive.producer..", "io.restlive.cli..", "io.restlive.e2e..")
                .check(classes);
    }

    @Test
    void processorAndEdgeShouldNeverDependOnEachOther() {
        noClasses().that().resideInAPackage("io.restlive.processor..")
                .should().dependOnClassesThat().resideInAPackage("io.restlive.edge..").check(classes);
        noClasses().that().resideInAPackage("io.restlive.edge..")
                .should().dependOnClassesThat().resideInAPackage("io.restlive.processor..").check(classes);
    }

    @Test
    void coreShouldDependOnNoService() {
        noClasses().that().resideInAPackage("io.restlive.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.restlive.processor..", "io.restlive.edge..",
                        "io.restlive.cli..", "io.restlive.producer..")
                .check(classes);
    }

    @Test
    void endToEndTestsShouldUseNoInternalPackage() {
        noClasses().that().resideInAPackage("io.restlive.e2e..")
                .should().dependOnClassesThat().resideInAPackage("..internal..").check(classes);
    }

    /** Production code only: a test may reach across packages to build its fixtures. */
    @Test
    void servicesShouldHaveNoPackageCycles() {
        slices().matching("io.restlive.processor.(*)..").should().beFreeOfCycles().check(mainClasses);
        slices().matching("io.restlive.edge.(*)..").should().beFreeOfCycles().check(mainClasses);
        slices().matching("io.restlive.core.(*)..").should().beFreeOfCycles().check(mainClasses);
    }
}
