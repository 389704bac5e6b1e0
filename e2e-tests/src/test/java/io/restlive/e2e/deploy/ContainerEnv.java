package io.restlive.e2e.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet builds it: literal values with {@code $(VAR)} references to
 * variables defined earlier in the list ({@code $$} escapes), and values from the pod's fields, Secrets and
 * ConfigMaps. Anything else (a resource field, {@code envFrom}) fails, so that a chart using it is noticed.
 */
final class ContainerEnv {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private ContainerEnv() {
    }

    /**
     * @param fields the pod's fields by path ({@code metadata.name}, {@code metadata.namespace})
     * @param secrets the Secrets by name
     * @param configMaps the ConfigMaps by name
     */
    static Map<String, String> resolve(List<EnvVar> env, Map<String, String> fields, Function<String, Optional<Secret>> secrets,
                                       Function<String, Optional<ConfigMap>> configMaps) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (EnvVar var : env) {
            String value = var.getValueFrom() == null ? expand(var.getValue() == null ? "" : var.getValue(), resolved)
                    : from(var.getName(), var.getValueFrom(), fields, secrets, configMaps);
            resolved.put(var.getName(), value);
        }
        return resolved;
    }

    /** Replaces {@code $(NAME)} with the value of an earlier variable; unknown references stay as they are. */
    static String expand(String value, Map<String, String> earlier) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(1) == null ? "$"
                    : earlier.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }

    private static String from(String name, EnvVarSource source, Map<String, String> fields,
                               Function<String, Optional<Secret>> secrets, Function<String, Optional<ConfigMap>> configMaps) {
        if (source.getFieldRef() != null) {
            String path = source.getFieldRef().getFieldPath();
            String value = fields.get(path);
            if (value == null) {
                throw new AssertionError(name + " refers to pod field " + path + ", which the test does not provide");
            }
            return value;
        }
        if (source.getSecretKeyRef() != null) {
            String secretName = source.getSecretKeyRef().getName();
            String key = source.getSecretKeyRef().getKey();
            Secret secret = secrets.apply(secretName)
                    .orElseThrow(() -> new AssertionError(name + " refers to Secret " + secretName + ", which does not exist"));
            if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
                return secret.getStringData().get(key);
            }
            String encoded = secret.getData() == null ? null : secret.getData().get(key);
            if (encoded == null) {
                throw new AssertionError(name + " refers to key " + key + " of Secret " + secretName + ", which has no such key");
            }
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
        if (source.getConfigMapKeyRef() != null) {
            String mapName = source.getConfigMapKeyRef().getName();
            String key = source.getConfigMapKeyRef().getKey();
            return configMaps.apply(mapName).map(map -> map.getData().get(key))
                    .orElseThrow(() -> new AssertionError(name + " refers to key " + key + " of ConfigMap " + mapName));
        }
        throw new AssertionError(name + ": a value source the test does not resolve: " + source);
    }
}
