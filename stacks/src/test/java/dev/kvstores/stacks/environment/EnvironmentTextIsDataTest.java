package dev.kvstores.stacks.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, item 1: text in an environment file is data, never code. Every string field of every shipped
 * environment file (found by walking the YAML, so a new field is covered without editing this test) is set to a
 * Terraform interpolation, a Terraform directive and a Helm/Go template in turn; each must be refused at that
 * field. No field is documented as taking an expression, so none may pass through to the synthesized JSON or a
 * chart's {@code tpl}.
 */
class EnvironmentTextIsDataTest {

    static final List<String> PAYLOADS = List.of("${file(\"/etc/hostname\")}", "%{ if true }x%{ endif }",
            "{{ .Release.Namespace }}");

    private static final Path SHIPPED = EnvironmentVariants.SHIPPED;
    private static final ObjectMapper YAML = EnvironmentVariants.YAML;

    @TempDir
    Path dir;

    @Test
    void every_string_field_of_every_shipped_environment_refuses_terraform_and_helm_template_markers()
            throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SHIPPED)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 9, files.toString());
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            JsonNode tree = YAML.readTree(file.toFile());
            Map<String, List<Object>> fields = new LinkedHashMap<>();
            stringFields(tree, "", new ArrayList<>(), fields);
            assertTrue(fields.size() >= 5, file + ": " + fields.keySet());
            for (String payload : PAYLOADS) {
                failures.addAll(refusals(file.getFileName().toString(), tree, fields, payload));
                checked += fields.size();
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(checked > 300, "only " + checked + " field values checked");
    }

    @Test
    void a_refusal_names_the_field_and_the_value_and_says_why_and_what_to_do() throws IOException {
        List<String> problems = load("kubernetes-prod.yaml", Map.of(
                List.of("kubernetes", "configContext"), "${file(\"/etc/hostname\")}",
                List.of("monitoring", "ruleLabels", "release"), "{{ .Release.Namespace }}"));
        assertTrue(problems.contains("injected.yaml: kubernetes.configContext: is '${file(\"/etc/hostname\")}',"
                + " which contains '${'; text in an environment file is data, never code: Terraform would evaluate"
                + " '${...}' and '%{...}' when it plans the stack (e.g. read files of the machine that runs it) and"
                + " Helm's tpl would render '{{...}}'; no field takes an expression, so write the literal value"
                + " without '${', '%{' or '{{'"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("injected.yaml: monitoring.ruleLabels.release: is"
                + " '{{ .Release.Namespace }}', which contains '{{'")), problems::toString);
    }

    @Test
    void a_marker_in_a_secret_name_field_is_refused_without_showing_the_value() throws IOException {
        List<String> problems = load("kubernetes-prod.yaml",
                Map.of(List.of("connectionSecret", "name"), "pa${ss}word"));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("injected.yaml: connectionSecret.name: contains '${' (the value is"
                + " not shown, as it may be a secret); text in an environment file is data"), problems.get(0));
        assertTrue(problems.stream().noneMatch(p -> p.contains("pa${ss}word")), problems::toString);
    }

    /**
     * Sets all {@code pending} fields to {@code payload} at once; the fields a refusal names are done, the others
     * (not read because a field that selects them was refused too) are tried again with the refused ones back at
     * their shipped values. A round that names none of the pending fields fails them.
     */
    private List<String> refusals(String file, JsonNode tree, Map<String, List<Object>> fields, String payload)
            throws IOException {
        Map<String, List<Object>> pending = new LinkedHashMap<>(fields);
        List<String> failures = new ArrayList<>();
        while (!pending.isEmpty()) {
            Map<List<Object>, String> changes = new LinkedHashMap<>();
            pending.values().forEach(path -> changes.put(path, payload));
            List<String> problems = load(tree, changes);
            List<String> named = pending.keySet().stream().filter(field -> problems.stream().anyMatch(
                    p -> p.startsWith("injected.yaml: " + field + ": ")
                            && (p.contains(payload) || p.contains("(the value is not shown")))).toList();
            if (named.isEmpty()) {
                failures.add(file + " with " + payload + ": not refused at " + pending.keySet()
                        + (problems.isEmpty() ? " (the file was accepted)" : "; problems: " + problems));
                break;
            }
            named.forEach(pending::remove);
        }
        return failures;
    }

    /** Every text value's field path, as problems write it ({@code a.b}, {@code a.list[0]}, {@code a.map.key}). */
    private static void stringFields(JsonNode node, String field, List<Object> path, Map<String, List<Object>> out) {
        if (node.isTextual()) {
            out.put(field, List.copyOf(path));
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                path.add(entry.getKey());
                stringFields(entry.getValue(), field.isEmpty() ? entry.getKey() : field + "." + entry.getKey(), path,
                        out);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                stringFields(node.get(i), field + "[" + i + "]", path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private List<String> load(String shipped, Map<List<Object>, String> changes) throws IOException {
        return EnvironmentVariants.problems(dir, EnvironmentVariants.shipped(shipped), changes);
    }

    private List<String> load(JsonNode tree, Map<List<Object>, String> changes) throws IOException {
        return EnvironmentVariants.problems(dir, tree, changes);
    }
}
