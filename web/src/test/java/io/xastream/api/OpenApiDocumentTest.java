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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written openapi.json must document exactly the operations the resource classes implement, with no dangling $ref. */
class OpenApiDocumentTest {

    /** Every resource class the build compiled: a new one is undocumented until openapi.json says otherwise. */
    static final List<Class<?>> RESOURCES = resources();

    static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** A path template with a regular expression: {name: regex}. */
    static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w+)\\s*:\\s*([^}]*)}");
    /** A regular expression that is only alternative literals, such as dead-letters|rejected. */
    static final Pattern LITERALS = Pattern.compile("[\\w-]+(\\|[\\w-]+)*");

    static JsonObject document;

    @BeforeAll
    static void read() throws IOException {
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(java.nio.file.Path.of("src/main/webapp/openapi.json")))) {
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

    @Test
    void documentsExactlyTheImplementedOperations() {
        Set<String> documented = new TreeSet<>();
        // A path parameter documented with an enum stands for one path per value, as the code's {a: x|y} does.
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (HTTP_METHODS.contains(method)) {
                expandEnums(path, operation.asJsonObject()).forEach(p -> documented.add(method.toUpperCase() + " " + p));
            }
        }));

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
        assertEquals(implemented, documented,
                "implemented but not documented: " + undocumented + "; documented but not implemented: " + unimplemented);
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

    static List<String> expandEnums(String path, JsonObject operation) {
        List<String> paths = List.of(path);
        for (JsonObject parameter : operation.getJsonArray("parameters") == null ? List.<JsonObject>of()
                : operation.getJsonArray("parameters").getValuesAs(JsonObject.class)) {
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
