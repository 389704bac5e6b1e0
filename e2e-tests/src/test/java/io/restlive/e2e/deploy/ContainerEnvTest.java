package io.restlive.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kubelet's rules for a container's environment, as the deployment tests apply them. */
class ContainerEnvTest {

    private static final Map<String, String> FIELDS = Map.of("metadata.name", "rl-rest-live-processor-1");

    @Test
    void shouldExpandReferencesToEarlierVariablesOnly() {
        // given
        List<EnvVar> env = List.of(
                new EnvVarBuilder().withName("HOST").withValue("$(POD_NAME).headless").build(),
                new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                        .endFieldRef().endValueFrom().build(),
                new EnvVarBuilder().withName("ADVERTISED").withValue("$(POD_NAME).headless").build(),
                new EnvVarBuilder().withName("LITERAL").withValue("$$(POD_NAME)").build());

        // when
        Map<String, String> resolved = ContainerEnv.resolve(env, FIELDS, name -> Optional.empty(), name -> Optional.empty());

        // then
        assertThat(resolved).containsExactly(
                Map.entry("HOST", "$(POD_NAME).headless"),
                Map.entry("POD_NAME", "rl-rest-live-processor-1"),
                Map.entry("ADVERTISED", "rl-rest-live-processor-1.headless"),
                Map.entry("LITERAL", "$(POD_NAME)"));
    }

    @Test
    void shouldReadSecretKeysAndFailOnAMissingOne() {
        // given
        Secret secret = new SecretBuilder().withNewMetadata().withName("internal").endMetadata()
                .withData(Map.of("token", "czNjcjN0")).build();
        EnvVar present = secretRef("internal", "token");
        EnvVar missing = secretRef("internal", "other");

        // then
        assertThat(ContainerEnv.resolve(List.of(present), FIELDS, name -> Optional.of(secret), name -> Optional.empty()))
                .containsEntry("TOKEN", "s3cr3t");
        assertThatThrownBy(() -> ContainerEnv.resolve(List.of(missing), FIELDS, name -> Optional.of(secret), name -> Optional.empty()))
                .hasMessageContaining("no such key");
    }

    private static EnvVar secretRef(String name, String key) {
        return new EnvVarBuilder().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef().withName(name).withKey(key)
                .endSecretKeyRef().endValueFrom().build();
    }
}
