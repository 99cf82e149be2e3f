package dev.kvstores.stacks.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kvstores.stacks.EnvironmentLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shipped environment files with some fields changed, loaded as {@code injected.yaml}: the problems they get. */
final class EnvironmentVariants {

    static final Path SHIPPED = Path.of(System.getProperty("user.dir")).resolve("environments");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private EnvironmentVariants() {
    }

    static JsonNode shipped(String name) throws IOException {
        return YAML.readTree(SHIPPED.resolve(name).toFile());
    }

    /**
     * The problems of {@code shipped} with each path (field names and list indexes) set to its value (a string, or
     * any value Jackson writes, e.g. a {@code BigInteger}); empty when the file is accepted.
     */
    static List<String> problems(Path dir, JsonNode shipped, Map<? extends List<Object>, ?> changes)
            throws IOException {
        JsonNode tree = shipped.deepCopy();
        changes.forEach((path, value) -> set(tree, path, YAML.valueToTree(value)));
        Path file = dir.resolve("injected.yaml");
        YAML.writeValue(file.toFile(), tree);
        try {
            EnvironmentLoader.loadFile(file, dir);
            return List.of();
        } catch (EnvironmentException e) {
            return e.problems();
        }
    }

    private static void set(JsonNode tree, List<Object> path, JsonNode value) {
        JsonNode parent = tree;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer i ? parent.get(i) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }
}
