package io.restlive.core.views;

import io.restlive.core.cel.CelEnvironment;
import io.restlive.core.cel.CompiledExpression;
import io.restlive.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads views YAML into {@link ViewsFile}, checking every key and compiling every expression. */
final class ViewsFileParser {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Set<String> TOP_KEYS = Set.of("views", "endpoints");
    private static final Set<String> VIEW_KEYS = Set.of("name", "model", "lookup-field", "queryset",
            "permission", "object-permission", "serializers", "naming");
    private static final Set<String> SERIALIZER_KEYS = Set.of("when", "fields", "computed");
    private static final Set<String> ENDPOINT_KEYS = Set.of("path", "public", "views");

    private final String source;

    ViewsFileParser(String source) {
        this.source = source;
    }

    ViewsFile parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ViewsFileException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ViewsFileException(source + ": the file is empty; it needs a 'views' list");
        }
        ObjectNode top = object(root, "the file");
        checkKeys(top, TOP_KEYS, "the file");
        ArrayNode viewNodes = list(top.get("views"), "the file, key 'views'", true);
        List<View> views = new ArrayList<>();
        Map<String, View> byName = new HashMap<>();
        for (int i = 0; i < viewNodes.size(); i++) {
            View view = parseView(viewNodes.get(i), i);
            if (byName.putIfAbsent(view.name(), view) != null) {
                throw fail("view '" + view.name() + "', key 'name': the name is used by another view");
            }
            views.add(view);
        }
        List<Endpoint> endpoints = top.has("endpoints")
                ? parseEndpoints(list(top.get("endpoints"), "the file, key 'endpoints'", false), byName)
                : List.of(endpoint(ViewsFile.DEFAULT_ENDPOINT, true, views, "the default endpoint"));
        return new ViewsFile(views, endpoints);
    }

    private View parseView(JsonNode node, int index) {
        ObjectNode view = object(node, "view #" + (index + 1));
        String where = view.has("name") ? "view '" + view.get("name").asString() + "'" : "view #" + (index + 1);
        checkKeys(view, VIEW_KEYS, where);
        String name = requiredString(view, "name", where);
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw fail(where + ", key 'name': use letters, digits, '_', '.' or '-'");
        }
        String model = requiredString(view, "model", where);
        if (!model.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*")) {
            throw fail(where + ", key 'model': '" + model + "' is not a model label like 'todolist.Task'");
        }
        String lookupField = optionalString(view, "lookup-field", where).orElse(View.PK);
        Optional<CompiledExpression> queryset = condition(view, "queryset", where);
        Optional<CompiledExpression> permission = condition(view, "permission", where);
        permission.ifPresent(p -> {
            if (p.analysis().variables().contains(CelEnvironment.INSTANCE)
                    || p.analysis().variables().contains(CelEnvironment.PK)) {
                throw fail(where + ", key 'permission': it cannot read 'instance' or 'pk' "
                        + "(it is checked before any instance is known); use 'object-permission'");
            }
        });
        Optional<CompiledExpression> objectPermission = condition(view, "object-permission", where);
        List<SerializerSpec> serializers = parseSerializers(view.get("serializers"), where);
        String namingText = optionalString(view, "naming", where).orElse(Naming.AS_IS.yamlName());
        Naming naming = Naming.fromYaml(namingText);
        if (naming == null) {
            throw fail(where + ", key 'naming': '" + namingText + "' is not one of as-is, camelCase");
        }
        return new View(name, model, lookupField, queryset, permission, objectPermission, serializers, naming);
    }

    private List<SerializerSpec> parseSerializers(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        ArrayNode items = list(node, where + ", key 'serializers'", false);
        List<SerializerSpec> serializers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = where + ", serializers[" + i + "]";
            ObjectNode item = object(items.get(i), at);
            checkKeys(item, SERIALIZER_KEYS, at);
            Optional<CompiledExpression> when = condition(item, "when", at);
            Optional<List<String>> fields = Optional.empty();
            if (item.has("fields")) {
                List<String> names = new ArrayList<>();
                for (JsonNode field : list(item.get("fields"), at + ", key 'fields'", false)) {
                    if (!field.isString() || field.asString().isBlank()) {
                        throw fail(at + ", key 'fields': every entry must be a field name");
                    }
                    names.add(field.asString());
                }
                fields = Optional.of(List.copyOf(names));
            }
            Map<String, CompiledExpression> computed = new LinkedHashMap<>();
            if (item.has("computed")) {
                ObjectNode values = object(item.get("computed"), at + ", key 'computed'");
                for (Map.Entry<String, JsonNode> entry : values.properties()) {
                    String key = at + ", computed '" + entry.getKey() + "'";
                    if (!entry.getValue().isString()) {
                        throw fail(key + ": must be a CEL expression in a string");
                    }
                    computed.put(entry.getKey(), compile(entry.getValue().asString(), false, key));
                }
            }
            serializers.add(new SerializerSpec(when, fields, Collections.unmodifiableMap(computed)));
        }
        return serializers;
    }

    private List<Endpoint> parseEndpoints(ArrayNode nodes, Map<String, View> views) {
        List<Endpoint> endpoints = new ArrayList<>();
        Set<String> paths = new java.util.HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            ObjectNode node = object(nodes.get(i), "endpoint #" + (i + 1));
            String where = node.has("path") ? "endpoint '" + node.get("path").asString() + "'" : "endpoint #" + (i + 1);
            checkKeys(node, ENDPOINT_KEYS, where);
            String path = requiredString(node, "path", where);
            if (!path.startsWith("/")) {
                throw fail(where + ", key 'path': must start with '/'");
            }
            if (!paths.add(path)) {
                throw fail(where + ", key 'path': another endpoint has the same path");
            }
            JsonNode publicNode = node.get("public");
            if (publicNode != null && !publicNode.isBoolean()) {
                throw fail(where + ", key 'public': must be true or false");
            }
            List<View> served = new ArrayList<>();
            for (JsonNode viewName : list(node.get("views"), where + ", key 'views'", true)) {
                View view = views.get(viewName.asString());
                if (!viewName.isString() || view == null) {
                    throw fail(where + ", key 'views': no view is named '" + viewName.asString()
                            + "' (views: " + String.join(", ", views.keySet()) + ")");
                }
                served.add(view);
            }
            endpoints.add(endpoint(path, publicNode == null || publicNode.booleanValue(), served, where));
        }
        return endpoints;
    }

    private Endpoint endpoint(String path, boolean isPublic, List<View> views, String where) {
        Map<String, View> byModel = new LinkedHashMap<>();
        for (View view : views) {
            View other = byModel.putIfAbsent(view.model(), view);
            if (other != null) {
                throw fail(where + ", key 'views': views '" + other.name() + "' and '" + view.name()
                        + "' both serve model " + view.model() + "; an endpoint serves one view per model");
            }
        }
        return new Endpoint(path, isPublic, byModel);
    }

    private Optional<CompiledExpression> condition(ObjectNode node, String key, String where) {
        return optionalString(node, key, where).map(text -> compile(text, true, where + ", key '" + key + "'"));
    }

    private CompiledExpression compile(String text, boolean condition, String where) {
        try {
            return CelEnvironment.compile(text, condition);
        } catch (IllegalArgumentException e) {
            throw fail(where + ": " + e.getMessage());
        }
    }

    private ObjectNode object(JsonNode node, String where) {
        if (!(node instanceof ObjectNode object)) {
            throw fail(where + ": must be a mapping of keys to values");
        }
        return object;
    }

    private ArrayNode list(JsonNode node, String where, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw fail(where + ": is required and must be a list");
            }
            return Json.NODES.arrayNode();
        }
        if (!(node instanceof ArrayNode array)) {
            throw fail(where + ": must be a list");
        }
        return array;
    }

    private String requiredString(ObjectNode node, String key, String where) {
        return optionalString(node, key, where)
                .orElseThrow(() -> fail(where + ", key '" + key + "': is required"));
    }

    private Optional<String> optionalString(ObjectNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw fail(where + ", key '" + key + "': must be a non-empty string");
        }
        return Optional.of(value.asString());
    }

    private void checkKeys(ObjectNode node, Set<String> known, String where) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                throw fail(where + ": unknown key '" + key + "' (known keys: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private ViewsFileException fail(String message) {
        return new ViewsFileException(source + ": " + message);
    }
}
