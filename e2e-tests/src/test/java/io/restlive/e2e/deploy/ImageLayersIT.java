package io.restlive.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.restlive.e2e.deploy.Dockerfile.Instruction;
import io.restlive.e2e.deploy.Dockerfile.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/docker/Dockerfile replayed on the jars the Maven build made (no Docker engine here): its first stage's
 * {@code RUN} extracts each jar into Spring Boot's layers, every directory its image stage copies exists (and no
 * layer is left behind), and the copied tree starts the way its {@code ENTRYPOINT} and {@code ENV} say, as its
 * non-root {@code USER}'s numeric id, which the chart's pods run as.
 */
class ImageLayersIT {

    private static final Dockerfile DOCKERFILE = Dockerfile.read(Project.dir().resolve("deploy/docker/Dockerfile"));
    private static final ComposeFile COMPOSE = ComposeFile.read(Project.dir().resolve("docker-compose.yml"), Map.of());

    @Test
    void shouldBuildEveryComposeImageFromAJarTheBuildMakesAndTheBuildContextAdmits() throws IOException {
        // given
        List<String> dockerignore = Files.readAllLines(Project.dir().resolve(".dockerignore"));

        // then: the processor, the edge and the example app, each from its own jar
        assertThat(jarFiles().values()).containsExactlyInAnyOrder(
                "subscription-processor/target/rest-live-subscription-processor.jar",
                "ws-edge/target/rest-live-ws-edge.jar",
                "examples/todolist/target/rest-live-example-todolist.jar");
        jarFiles().forEach((service, jar) -> {
            assertThat(Project.dir().resolve(jar)).as("%s's jar", service).isRegularFile();
            assertThat(dockerignore).as(".dockerignore admits %s", jar).contains("!" + jar);
        });
    }

    @Test
    void shouldCopyEveryLayerTheExtractionMakesForEveryService() {
        for (String jar : jarFiles().values()) {
            // when
            Path build = extract(jar);

            // then
            List<Path> copied = layerSources(build);
            assertThat(copied).as("layers the image copies from %s", jar).allSatisfy(dir -> assertThat(dir).isDirectory());
            try (Stream<Path> made = Files.list(build.resolve("extracted"))) {
                assertThat(made.toList()).as("layers extracted from %s", jar).containsExactlyInAnyOrderElementsOf(copied);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(build.resolve("extracted/application/BOOT-INF/classes")).isDirectory();
            assertThat(build.resolve("extracted/dependencies/BOOT-INF/lib")).isDirectory();
        }
    }

    @Test
    void shouldRunAsANonRootNumericUserThatTheChartRunsAs() throws IOException {
        String user = DOCKERFILE.image().last("USER").orElseThrow().arguments();

        assertThat(user).matches("[1-9][0-9]*:[1-9][0-9]*");
        String chartValues = Files.readString(Project.chart().resolve("values.yaml"));
        assertThat(chartValues).contains("runAsUser: " + user.split(":")[0], "runAsGroup: " + user.split(":")[1]);
    }

    @Test
    void shouldStartTheCopiedLayersTheWayTheEntrypointDoes() throws IOException {
        // given: the example app's layers copied into the image's working directory, as its COPY lines do
        Path build = extract(jarFiles().get("todolist"));
        Path app = build.resolve("image" + DOCKERFILE.image().last("WORKDIR").orElseThrow().arguments());
        for (Path layer : layerSources(build)) {
            copyTree(layer, app);
        }
        Map<String, String> env = new LinkedHashMap<>(imageEnv());
        int port = FreePorts.one();
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        List<String> entrypoint = new ArrayList<>(DOCKERFILE.image().last("ENTRYPOINT").orElseThrow().execForm());
        assertThat(entrypoint.get(0)).isEqualTo("java");
        entrypoint.set(0, LocalProcess.java());

        // when
        try (LocalProcess process = LocalProcess.start("image-todolist", entrypoint, app, env, build)) {
            // then: ready, with the image's JVM options picked up
            Probes.awaitHttpOk(process, URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"));
            assertThat(process.log()).contains("Picked up JAVA_TOOL_OPTIONS: " + env.get("JAVA_TOOL_OPTIONS"));
            assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
        }
    }

    /** The jar each image is built from, by Compose service (the processors and the edges share theirs). */
    private static Map<String, String> jarFiles() {
        Map<String, String> jars = new LinkedHashMap<>();
        for (ComposeFile.Service service : COMPOSE.services()) {
            String jar = service.buildArgs().get("JAR_FILE");
            if (jar != null && !jars.containsValue(jar)) {
                jars.put(service.name().replaceAll("-\\d+$", ""), jar);
            }
        }
        return jars;
    }

    /** The first stage: {@code COPY ${JAR_FILE} app.jar} into its WORKDIR, then its RUN command. */
    private static Path extract(String jar) {
        Stage layers = DOCKERFILE.stage("layers");
        Path build = Project.workDir("image").resolve("build" + layers.last("WORKDIR").orElseThrow().arguments());
        try {
            Files.createDirectories(build);
            Instruction copy = layers.last("COPY").orElseThrow();
            assertThat(copy.words()).containsExactly("${JAR_FILE}", "app.jar");
            Files.copy(Project.dir().resolve(jar), build.resolve("app.jar"));
            List<String> run = new ArrayList<>(layers.last("RUN").orElseThrow().words());
            assertThat(run.get(0)).isEqualTo("java");
            run.set(0, LocalProcess.java());
            Process extraction = new ProcessBuilder(run).directory(build.toFile()).inheritIO().start();
            assertThat(extraction.waitFor()).as("exit code of %s", run).isZero();
            return build;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The directories the image stage copies from the first stage, as local paths under {@code build}. */
    private static List<Path> layerSources(Path build) {
        String workdir = DOCKERFILE.stage("layers").last("WORKDIR").orElseThrow().arguments();
        List<Path> sources = new ArrayList<>();
        for (Instruction copy : DOCKERFILE.image().all("COPY")) {
            List<String> words = copy.words();
            assertThat(words).hasSize(3);
            assertThat(words.get(0)).isEqualTo("--from=layers");
            assertThat(words.get(1)).startsWith(workdir + "/");
            assertThat(words.get(2)).isEqualTo("./");
            sources.add(build.resolve(words.get(1).substring(workdir.length() + 1)).normalize());
        }
        return sources;
    }

    private static Map<String, String> imageEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction instruction : DOCKERFILE.image().all("ENV")) {
            String[] kv = instruction.arguments().split("=", 2);
            env.put(kv[0], kv[1].replaceAll("^\"|\"$", ""));
        }
        return env;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
