package io.restlive.e2e.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what a typed Kubernetes object could not place: fabric8's model keeps every field it does not know
 * in {@code additionalProperties} (a misspelt {@code readinesProbe}, a field at the wrong level), and a kind it
 * does not know becomes a {@link GenericKubernetesResource}. The API server would reject or silently drop
 * both; here they fail the test.
 */
final class StrictModel {

    private StrictModel() {
    }

    /** The paths of every field the model did not recognise, e.g. {@code spec.template.spec.containers[0]: [readinesProbe]}. */
    static List<String> unknownFields(Object resource) {
        List<String> unknown = new ArrayList<>();
        if (resource instanceof GenericKubernetesResource generic) {
            unknown.add("kind " + generic.getApiVersion() + "/" + generic.getKind() + " has no typed model");
            return unknown;
        }
        visit(resource, "", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        return unknown;
    }

    private static void visit(Object node, String path, List<String> unknown, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> visit(value, path + "." + key, unknown, seen));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                visit(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.") || node.getClass().isEnum()) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (!isGetter(getter)) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add((path.isEmpty() ? "." : path) + ": " + extra.keySet());
                }
            } else {
                visit(value, path + "." + property(getter), unknown, seen);
            }
        }
    }

    private static boolean isGetter(Method method) {
        return method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                && method.getDeclaringClass() != Object.class
                && (method.getName().startsWith("get") || method.getName().startsWith("is"));
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError("cannot read " + getter + " of " + target, e);
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
