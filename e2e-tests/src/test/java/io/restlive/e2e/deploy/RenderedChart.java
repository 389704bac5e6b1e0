package io.restlive.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The chart as {@code helm template} renders it (Helm itself, in this JVM, through helm-java), every
 * manifest parsed into its typed fabric8 Kubernetes object. A manifest with a field no Kubernetes type has,
 * or a kind without a model, fails the render.
 */
final class RenderedChart {

    static final String RELEASE = "rl";
    static final String NAMESPACE = "live";
    /** Helm's default cluster version (1.20) is older than the chart's kubeVersion: render for a current one. */
    static final String KUBE_VERSION = "1.31.0";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String manifests;
    private final List<HasMetadata> resources;

    private RenderedChart(String manifests, List<HasMetadata> resources) {
        this.manifests = manifests;
        this.resources = resources;
    }

    /** Renders with {@code --set key=value} for each entry. */
    static RenderedChart render(Map<String, String> values) {
        return render(values, "");
    }

    /** Renders with {@code --set key=value} for each entry and a values file with {@code valuesYaml} (may be empty). */
    static RenderedChart render(Map<String, String> values, String valuesYaml) {
        TemplateCommand template = new Helm(Project.chart()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Map.Entry<String, String> value : values.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        if (!valuesYaml.isBlank()) {
            template = template.withValuesFile(write(valuesYaml));
        }
        return parse(template.call());
    }

    /** The minimal values of an install: the required Kafka cluster. */
    static Map<String, String> minimalValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kafka.bootstrapServers", "my-cluster-kafka-bootstrap.kafka.svc:9092");
        return values;
    }

    private static RenderedChart parse(String manifests) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifests)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            HasMetadata resource = SERIALIZATION.unmarshal(document);
            assertThat(StrictModel.unknownFields(resource))
                    .as("fields of %s %s that Kubernetes does not know", resource.getKind(), resource.getMetadata().getName())
                    .isEmpty();
            resources.add(resource);
        }
        return new RenderedChart(manifests, List.copyOf(resources));
    }

    private static Path write(String valuesYaml) {
        try {
            Path file = Files.createTempFile("rest-live-values", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, valuesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rendered object, in Helm's order. */
    List<HasMetadata> resources() {
        return resources;
    }

    /** The rendered text, for failure messages. */
    String manifests() {
        return manifests;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    /** The object of that type and name; fails if the chart did not render it. */
    <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name
                + " rendered; rendered: " + resources.stream().map(r -> r.getKind() + " " + r.getMetadata().getName()).toList()));
    }

    /** The name of a chart resource: {@code rl-rest-live-<suffix>}. */
    static String name(String suffix) {
        return RELEASE + "-rest-live-" + suffix;
    }
}
