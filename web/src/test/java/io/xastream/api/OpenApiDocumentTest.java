package io.xastream.api;

import io.xastream.monitoring.boundary.StatusResource;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The openapi.json the build generates from the resources' annotations (smallrye-open-api-maven-plugin, in
 * process-classes) must document exactly the operations the resource classes implement, each once and in
 * words (a summary, a description, its responses), with no dangling $ref into the static base.
 */
class OpenApiDocumentTest {

    static final java.nio.file.Path GENERATED = java.nio.file.Path.of("target/generated-openapi/openapi.json");

    /** Every resource class the build compiled. */
    static final List<Class<?>> RESOURCES = resources();

    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** A path template with a regular expression: {name: regex}. */
    static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w+)\\s*:\\s*([^}]*)}");
    /** A regular expression that is only alternative literals, such as dead-letters|rejected. */
    static final Pattern LITERALS = Pattern.compile("[\\w-]+(\\|[\\w-]+)*");
    /** What the scanner writes for a response that no @APIResponse describes. */
    static final Set<String> SCANNER_GUESSES = Set.of("OK", "Created", "No Content", "Default Response");

    static JsonObject document;

    @BeforeAll
    static void read() throws IOException {
        assertTrue(Files.exists(GENERATED), GENERATED + " missing: the build generates it in process-classes");
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(GENERATED))) {
            document = reader.readObject();
        }
    }

    static List<Class<?>> resources() {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            List<Class<?>> resources = new ArrayList<>();
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    resources.add(type);
                }
            }
            return resources;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("resource classes unreadable under " + classes, e);
        }
    }

    @Test
    void findsTheResourceClasses() {
        assertTrue(RESOURCES.size() >= 10 && RESOURCES.contains(StatusResource.class), "resources found: " + RESOURCES);
    }

    /** The war plugin would ship one of two files under the same name. */
    @Test
    void noHandKeptCopyBesideIt() {
        assertFalse(Files.exists(java.nio.file.Path.of("src/main/webapp/openapi.json")), "the build generates /openapi.json");
    }

    @Test
    void documentsExactlyTheImplementedOperations() {
        List<String> documented = new ArrayList<>();
        // A path parameter documented with an enum stands for one path per value, as the code's {a: x|y} does.
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (HTTP_METHODS.contains(method)) {
                expandEnums(path, parameters(item.asJsonObject(), operation.asJsonObject()))
                        .forEach(p -> documented.add(method.toUpperCase() + " " + p));
            }
        }));
        assertEquals(new TreeSet<>(documented).size(), documented.size(), "documented more than once: " + documented);

        Set<String> implemented = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        expand(path(resource) + path(method)).forEach(path -> implemented.add(http.value() + " " + path));
                    }
                }
            }
        }

        Set<String> undocumented = new TreeSet<>(implemented);
        undocumented.removeAll(documented);
        Set<String> unimplemented = new TreeSet<>(documented);
        unimplemented.removeAll(implemented);
        assertEquals(implemented, new TreeSet<>(documented),
                "implemented but not documented: " + undocumented + "; documented but not implemented: " + unimplemented);
    }

    /**
     * The scanner documents a method without annotations too, with a bare "200 OK": each operation must
     * say in words what it does and answers (@Operation, @APIResponse), under a declared tag.
     */
    @Test
    void everyOperationIsDescribed() {
        Set<String> tags = new TreeSet<>();
        document.getJsonArray("tags").getValuesAs(JsonObject.class).forEach(tag -> tags.add(tag.getString("name")));
        Set<String> operationIds = new TreeSet<>();
        List<String> faults = new ArrayList<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, value) -> {
            if (!HTTP_METHODS.contains(method)) {
                return;
            }
            String name = method.toUpperCase() + " " + path;
            JsonObject operation = value.asJsonObject();
            for (String field : List.of("operationId", "summary", "description")) {
                if (operation.getString(field, "").isBlank()) {
                    faults.add(name + ": no " + field);
                }
            }
            if (!operationIds.add(operation.getString("operationId", name))) {
                faults.add(name + ": operationId used twice");
            }
            if (operation.getJsonArray("tags") == null || !tags.containsAll(operation.getJsonArray("tags").getValuesAs(JsonString.class)
                    .stream().map(JsonString::getString).toList())) {
                faults.add(name + ": no tag, or one the document does not declare");
            }
            JsonObject responses = operation.getJsonObject("responses");
            if (responses == null || responses.keySet().stream().noneMatch(code -> code.startsWith("2")) || !responses.containsKey("401")) {
                faults.add(name + ": no success response, or no 401 (every operation needs credentials)");
            } else {
                responses.forEach((code, response) -> {
                    String description = response.asJsonObject().getString("description", "");
                    if (!response.asJsonObject().containsKey("$ref") && (description.isBlank() || SCANNER_GUESSES.contains(description))) {
                        faults.add(name + ": response " + code + " not described (the scanner's guess: '" + description + "')");
                    }
                });
            }
        }));
        assertEquals(List.of(), faults);
    }

    @Test
    void everyReferenceResolvesInComponents() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertTrue(refs.size() > 0, "no $ref found");
        List<String> dangling = refs.stream()
                .filter(ref -> !ref.startsWith("#/components/") || !Json.createPointer(ref.substring(1)).containsValue(document))
                .distinct().toList();
        assertEquals(List.of(), dangling, "$ref without a target in components");
    }

    /** The path item's parameters (a resource class's @PathParam fields) and the operation's, $ref resolved. */
    static List<JsonObject> parameters(JsonObject item, JsonObject operation) {
        List<JsonObject> parameters = new ArrayList<>();
        for (JsonObject owner : List.of(item, operation)) {
            if (owner.containsKey("parameters")) {
                for (JsonObject parameter : owner.getJsonArray("parameters").getValuesAs(JsonObject.class)) {
                    parameters.add(parameter.containsKey("$ref")
                            ? Json.createPointer(parameter.getString("$ref").substring(1)).getValue(document).asJsonObject()
                            : parameter);
                }
            }
        }
        return parameters;
    }

    static List<String> expandEnums(String path, List<JsonObject> parameters) {
        List<String> paths = List.of(path);
        for (JsonObject parameter : parameters) {
            JsonObject schema = parameter.getJsonObject("schema");
            if (!"path".equals(parameter.getString("in", "")) || schema == null || !schema.containsKey("enum")) {
                continue;
            }
            String placeholder = "{" + parameter.getString("name") + "}";
            List<String> values = schema.getJsonArray("enum").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList();
            paths = paths.stream().flatMap(p -> values.stream().map(v -> p.replace(placeholder, v))).toList();
        }
        return paths;
    }

    static String path(AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? "" : "/" + path.value().replaceAll("^/+|/+$", "");
    }

    /** {queue: a|b} becomes one path per alternative; {id: regex} becomes {id}. */
    static List<String> expand(String path) {
        Matcher template = TEMPLATE.matcher(path);
        if (!template.find()) {
            return List.of(path);
        }
        String head = path.substring(0, template.start());
        String tail = path.substring(template.end());
        String regex = template.group(2).trim();
        List<String> values = LITERALS.matcher(regex).matches() ? List.of(regex.split("\\|")) : List.of("{" + template.group(1) + "}");
        return values.stream().flatMap(value -> expand(head + value + tail).stream()).toList();
    }

    static void collectRefs(JsonValue value, List<String> refs) {
        switch (value.getValueType()) {
            case OBJECT -> value.asJsonObject().forEach((key, member) -> {
                if ("$ref".equals(key) && member instanceof JsonString ref) {
                    refs.add(ref.getString());
                } else {
                    collectRefs(member, refs);
                }
            });
            case ARRAY -> value.asJsonArray().forEach(member -> collectRefs(member, refs));
            default -> {
            }
        }
    }
}
