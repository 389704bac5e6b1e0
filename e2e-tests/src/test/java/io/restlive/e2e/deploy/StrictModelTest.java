package io.restlive.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** What the chart tests rely on: a field or kind Kubernetes does not know is reported, a valid object is not. */
class StrictModelTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: edge
            spec:
              replicas: 2
              selector:
                matchLabels: {app: edge}
              template:
                metadata:
                  labels: {app: edge}
                spec:
                  containers:
                    - name: edge
                      image: rest-live/ws-edge:0.1.0
                      %s:
                        httpGet: {path: /actuator/health/readiness, port: management}
                      resources:
                        limits: {memory: 1Gi}
            """;

    @Test
    void shouldReportNothingForAValidObject() {
        HasMetadata valid = SERIALIZATION.unmarshal(DEPLOYMENT.formatted("readinessProbe"));

        assertThat(StrictModel.unknownFields(valid)).isEmpty();
    }

    @Test
    void shouldReportAMisspeltFieldWithItsPath() {
        HasMetadata misspelt = SERIALIZATION.unmarshal(DEPLOYMENT.formatted("readinesProbe"));

        assertThat(StrictModel.unknownFields(misspelt))
                .containsExactly(".spec.template.spec.containers[0]: [readinesProbe]");
    }

    @Test
    void shouldReportAKindWithoutATypedModel() {
        HasMetadata unknown = SERIALIZATION.unmarshal("""
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                """);

        assertThat(StrictModel.unknownFields(unknown)).singleElement().asString().contains("Widget");
    }
}
