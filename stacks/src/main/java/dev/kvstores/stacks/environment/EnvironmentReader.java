package dev.kvstores.stacks.environment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one mapping of an environment file field by field, recording every problem instead of stopping at the
 * first: unknown keys, wrong types, missing fields, values out of range.
 */
public final class EnvironmentReader {

    private final String file;
    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    private final Set<String> known = new TreeSet<>();

    EnvironmentReader(String file, String path, JsonNode node, List<String> problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    /** The environment file, as shown in messages. */
    public String file() {
        return file;
    }

    /** Problems recorded so far in this file's load (all readers of a file share the list). */
    public int problemCount() {
        return problems.size();
    }

    /** Records a problem about this mapping as a whole: {@code file: path: message}. */
    public void problemHere(String message) {
        problems.add(file + ": " + path + ": " + message);
    }

    public String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public void problem(String key, String message) {
        problems.add(file + ": " + field(key) + ": " + message);
    }

    /** As {@link #problem}, unless the very same problem was recorded already (two checks of one field). */
    public void problemOnce(String key, String message) {
        String problem = file + ": " + field(key) + ": " + message;
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    private JsonNode raw(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    public boolean has(String key) {
        return raw(key) != null;
    }

    public String string(String key, String defaultValue, boolean required) {
        JsonNode value = raw(key);
        if (value == null) {
            if (required) {
                problem(key, "is missing; " + (defaultValue == null ? "add it" : "add it, e.g. " + defaultValue));
            }
            return required ? null : defaultValue;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problem(key, "must be a non-empty string, got " + value);
            return null;
        }
        return value.asText();
    }

    public String choice(String key, String defaultValue, boolean required, List<String> allowed) {
        String value = string(key, defaultValue, required);
        if (value != null && !allowed.contains(value)) {
            problem(key, "is '" + value + "'; allowed: " + String.join(", ", allowed));
            return null;
        }
        return value;
    }

    public Integer integer(String key, Integer defaultValue, int min, int max) {
        JsonNode value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber()) {
            problem(key, "must be a whole number between " + min + " and " + max + ", got " + value);
            return null;
        }
        int v = value.asInt();
        if (v < min || v > max) {
            problem(key, "is " + v + "; allowed: " + min + " to " + max);
            return null;
        }
        return v;
    }

    public Boolean bool(String key, boolean defaultValue) {
        JsonNode value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            problem(key, "must be true or false, got " + value);
            return null;
        }
        return value.asBoolean();
    }

    public List<String> strings(String key, boolean required) {
        JsonNode value = raw(key);
        List<String> out = new ArrayList<>();
        if (value == null) {
            if (required) {
                problem(key, "is missing; add a list with at least one entry");
            }
            return out;
        }
        if (!value.isArray()) {
            problem(key, "must be a list of strings, got " + value);
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add(file + ": " + field(key) + "[" + i + "]: must be a non-empty string, got " + item);
            } else {
                out.add(item.asText());
            }
        }
        if (required && value.isEmpty()) {
            problem(key, "is empty; add at least one entry");
        }
        return out;
    }

    /** A mapping of strings to strings (e.g. labels), sorted by key; empty when absent. */
    public Map<String, String> stringMap(String key) {
        JsonNode value = raw(key);
        Map<String, String> out = new TreeMap<>();
        if (value == null) {
            return out;
        }
        if (!value.isObject()) {
            problem(key, "must be a mapping of strings, e.g. {release: kube-prometheus-stack}, got " + value);
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                problems.add(file + ": " + field(key) + "." + field.getKey() + ": must be a string, got "
                        + field.getValue());
            } else {
                out.put(field.getKey(), field.getValue().asText());
            }
        }
        return out;
    }

    /** A nested mapping, or {@code null} (with a problem when required or not a mapping). */
    public EnvironmentReader child(String key, boolean required) {
        JsonNode value = raw(key);
        if (value == null) {
            if (required) {
                problem(key, "is missing; add the '" + key + "' section");
            }
            return null;
        }
        if (!value.isObject()) {
            problem(key, "must be a mapping of fields, got " + value);
            return null;
        }
        return new EnvironmentReader(file, field(key), value, problems);
    }

    /** Items of a list of mappings. */
    public List<EnvironmentReader> children(String key) {
        JsonNode value = raw(key);
        List<EnvironmentReader> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!value.isArray()) {
            problem(key, "must be a list, got " + value);
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                problems.add(file + ": " + field(key) + "[" + i + "]: must be a mapping, got " + item);
            } else {
                out.add(new EnvironmentReader(file, field(key) + "[" + i + "]", item, problems));
            }
        }
        return out;
    }

    /** Reports every key that no read asked for. Call after reading all fields. */
    public void rejectUnknownKeys() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(name, "is not a known field; known fields here: " + String.join(", ", known)
                        + " (check the spelling)");
            }
        }
    }
}
