package dev.kvstores.stacks.environment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.role.RoleContract;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one mapping of an environment file field by field, recording every problem instead of stopping at the
 * first: unknown keys, wrong types, missing fields, values out of range, values of the wrong shape
 * ({@link FieldShape}).
 *
 * <p>Every string passes one check here: it may not contain a template marker ({@link #TEMPLATE_MARKERS}). This is
 * the one place environment text is kept from becoming code; the constructs do not escape their props, since an app
 * that builds them in Java is code and may pass Terraform references on purpose.
 */
public final class EnvironmentReader {

    /**
     * Template markers refused in every string of an environment file: {@code ${} and {@code %{} start Terraform
     * template expressions in the synthesized JSON ({@code ${file("/etc/hostname")}} would be evaluated by
     * {@code plan}), {@code {{} starts a Go template that Helm renders where a chart passes a value through
     * {@code tpl}. No field of an environment file takes an expression.
     */
    public static final List<String> TEMPLATE_MARKERS = List.of("${", "%{", "{{");

    private static final String TEMPLATE_FIX = "text in an environment file is data, never code: Terraform would"
            + " evaluate '${...}' and '%{...}' when it plans the stack (e.g. read files of the machine that runs it)"
            + " and Helm's tpl would render '{{...}}'; no field takes an expression, so write the literal value"
            + " without '${', '%{' or '{{'";

    /** The longest text a field takes (a file path: 4096 characters); a longer value is shown only in part. */
    public static final int MAX_TEXT_LENGTH = 4096;

    private final String file;
    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    private final Set<String> known = new TreeSet<>();

    /**
     * A reader of the mapping {@code node} found at {@code path} ({@code ""} for the top level) of environment file
     * {@code file}; every problem it finds is added to {@code problems}.
     */
    public EnvironmentReader(String file, String path, JsonNode node, List<String> problems) {
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

    /**
     * A one-line string: no line break, no space or tab at either end (every field but the free-text reasons, see
     * {@link #text}).
     */
    public String string(String key, String defaultValue, boolean required) {
        return string(key, defaultValue, required, true, false);
    }

    /**
     * Free text, such as a written reason: as {@link #string}, but line breaks and spaces at the ends are kept (a
     * YAML block scalar ends with a line break).
     */
    public String text(String key, String defaultValue, boolean required) {
        return string(key, defaultValue, required, true, true);
    }

    /**
     * A string; {@code echo} false keeps the value out of every message (fields that may be mistaken for the
     * place of a password, such as a Secret's name).
     */
    private String string(String key, String defaultValue, boolean required, boolean echo, boolean freeText) {
        JsonNode value = raw(key);
        if (value == null) {
            if (required) {
                problem(key, "is missing; " + (defaultValue == null ? "add it" : "add it, e.g. " + defaultValue));
            }
            return required ? null : defaultValue;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problem(key, "must be a non-empty string, got " + (value.isTextual() ? (echo ? brief(value) : "a blank one")
                    : echo ? shown(value) : "a " + kind(value) + " (the value is not shown, as it may be a secret)"));
            return null;
        }
        return literal(field(key), value.asText(), echo, freeText);
    }

    /** A value of the wrong type as messages show it: at most 80 characters of it, with its length beyond that. */
    private static String brief(JsonNode value) {
        String shown = value.toString();
        return shown.length() <= 80 ? shown : shown.substring(0, 80) + "... (" + shown.length() + " characters)";
    }

    /** A value as messages show it: a boolean written yes / on / no / off is named as YAML read it. */
    private static String shown(JsonNode value) {
        String shown = brief(value);
        return value.isBoolean() ? shown + " (YAML reads yes, no, on and off as true or false: quote text such as"
                + " \"on\")" : shown;
    }

    private static String kind(JsonNode value) {
        return value.isNumber() ? "number" : value.isBoolean() ? "true or false" : value.isArray() ? "list"
                : value.isObject() ? "mapping" : "value of another type";
    }

    /**
     * {@code text} when it holds no template marker and no hidden character, is at most {@link #MAX_TEXT_LENGTH}
     * characters long and, unless {@code freeText}, is one line without spaces at its ends; otherwise {@code null}
     * and a problem at {@code field}. Every string of an environment file passes here: text in an environment file
     * is data, never code, and what it shows is what it holds.
     */
    private String literal(String field, String text, boolean echo, boolean freeText) {
        String at = file + ": " + field + ": ";
        if (text.length() > MAX_TEXT_LENGTH) {
            problems.add(at + "is " + text.length() + " characters long" + (echo ? " (it starts '"
                    + printable(text.substring(0, 40)) + "')" : "") + "; no field takes more than " + MAX_TEXT_LENGTH
                    + ": write the value itself (not the contents of a file)");
            return null;
        }
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int c = text.codePointAt(i);
            if (hidden(c) && !(freeText && (c == '\n' || c == '\t' || c == '\r'))) {
                String name = c == '\n' || c == '\r' ? "a line break" : c == '\t' ? "a tab"
                        : String.format("the hidden character U+%04X", c);
                problems.add(at + (echo ? "is '" + printable(text) + "', which contains " : "contains ") + name
                        + " (character " + (text.codePointCount(0, i) + 1) + ")" + (echo ? "" : " (the value is"
                        + " not shown, as it may be a secret)") + "; retype the value on one line without it:"
                        + " control, invisible and direction characters make a value look like another or break"
                        + " the tools that read it");
                return null;
            }
        }
        if (!freeText && !text.strip().equals(text)) {
            problems.add(at + (echo ? "is '" + text + "', which" : "(the value is not shown, as it may be a"
                    + " secret)") + " starts or ends with a space; remove the space (inside quotes YAML keeps it)");
            return null;
        }
        for (String marker : TEMPLATE_MARKERS) {
            if (text.contains(marker)) {
                problems.add(file + ": " + field + ": " + (echo ? "is '" + text + "', which contains '" + marker + "'"
                        : "contains '" + marker + "' (the value is not shown, as it may be a secret)") + "; "
                        + TEMPLATE_FIX);
                return null;
            }
        }
        return text;
    }

    /**
     * A character no field holds: control characters (a line break and a tab only in free text), format characters
     * (zero-width spaces and joiners, direction marks and overrides, the byte-order mark), line and paragraph
     * separators, unpaired surrogates and private-use or unassigned code points.
     */
    private static boolean hidden(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    /** {@code text} with each hidden character written as {@code \\uXXXX}, so a message shows where it is. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(hidden(c) ? String.format("\\u%04X", c) : Character.toString(c)));
        return out.toString();
    }

    /**
     * A written reason ({@link #text}) of at least {@link RoleContract#MINIMUM_REASON_LENGTH} characters without the
     * spaces at its ends: the reason a relaxation or exemption is printed with.
     */
    public String reason(String key, String example, boolean required) {
        String reason = text(key, example, required);
        if (reason != null && reason.strip().length() < RoleContract.MINIMUM_REASON_LENGTH) {
            problem(key, "is '" + reason + "'; write why, in at least " + RoleContract.MINIMUM_REASON_LENGTH
                    + " characters");
            return null;
        }
        return reason;
    }

    /**
     * A string that must have {@code shape} (see {@link FieldShape}); a value of another shape is a problem
     * naming the shape with an example, and {@code null}.
     */
    public String shaped(String key, String defaultValue, boolean required, FieldShape shape) {
        String value = string(key, defaultValue, required);
        if (value != null && !shape.accepts(value)) {
            problem(key, "is '" + value + "', not " + shape.description());
            return null;
        }
        return value;
    }

    /** A Kubernetes name that must be an RFC 1123 label (namespace, Helm release, Service), at most 63 characters. */
    public String dnsLabel(String key, String defaultValue, boolean required) {
        return shaped(key, defaultValue, required, FieldShape.DNS_LABEL);
    }

    /** A Kubernetes object name that must be an RFC 1123 subdomain (StorageClass, ConfigMap), at most 253. */
    public String dnsSubdomain(String key, String defaultValue, boolean required) {
        return shaped(key, defaultValue, required, FieldShape.DNS_SUBDOMAIN);
    }

    /** An AWS ARN ({@code arn:<partition>:<service>:<region>:<account>:<resource>}). */
    public String arn(String key, String defaultValue, boolean required) {
        return shaped(key, defaultValue, required, FieldShape.ARN);
    }

    /**
     * The ACL user a platform connects as ({@link FieldShape#ACL_USERNAME}); {@code default}, the server's admin
     * user, is refused.
     */
    public String aclUsername(String key, String defaultValue) {
        String value = shaped(key, defaultValue, false, FieldShape.ACL_USERNAME);
        if ("default".equals(value)) {
            problem(key, "is 'default', the server's admin user; the platform connects as a user of its own: give"
                    + " another name, e.g. " + defaultValue);
            return null;
        }
        return value;
    }

    /** A kubeconfig context name. */
    public String kubeContext(String key, String defaultValue, boolean required) {
        return shaped(key, defaultValue, required, FieldShape.KUBE_CONTEXT);
    }

    /** A file path on the machine that runs Terraform. */
    public String filePath(String key, String defaultValue, boolean required) {
        return shaped(key, defaultValue, required, FieldShape.FILE_PATH);
    }

    /**
     * The name of a Kubernetes Secret (an RFC 1123 subdomain). A value of another shape is refused without being
     * shown: it may be a password written where the Secret's name belongs.
     */
    public String secretName(String key, String defaultValue, boolean required) {
        String value = string(key, defaultValue, required, false, false);
        if (value != null && !FieldShape.DNS_SUBDOMAIN.accepts(value)) {
            problem(key, "does not look like the name of a Kubernetes Secret (the value is not shown, as it may be"
                    + " a password); give " + FieldShape.DNS_SUBDOMAIN.description() + ": the name of a Secret"
                    + " that holds the value, never the value itself");
            return null;
        }
        return value;
    }

    public String choice(String key, String defaultValue, boolean required, List<String> allowed) {
        String value = string(key, defaultValue, required);
        if (value != null && !allowed.contains(value)) {
            problem(key, "is '" + value + "'; allowed: " + String.join(", ", allowed));
            return null;
        }
        return value;
    }

    /**
     * A whole number from {@code min} to {@code max}. The value is read exactly as written (no wrap-around of
     * large numbers); a number with a unit ({@code 4GB}) is refused with the number in the field's unit.
     */
    public Integer integer(String key, Integer defaultValue, int min, int max) {
        Long value = longInteger(key, defaultValue == null ? null : defaultValue.longValue(), min, max);
        return value == null ? null : value.intValue();
    }

    /** As {@link #integer}, for fields whose range does not fit an {@code int}. */
    public Long longInteger(String key, Long defaultValue, long min, long max) {
        JsonNode value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isIntegralNumber()) {
            String suggestion = value.isTextual() ? NumberUnits.suggestion(key, value.asText()) : null;
            problem(key, suggestion != null ? "is '" + value.asText() + "', not a whole number; " + suggestion
                    : "must be a whole number between " + min + " and " + max + ", got " + brief(value));
            return null;
        }
        BigInteger v = value.bigIntegerValue();
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            problem(key, "is " + v + "; allowed: " + min + " to " + max);
            return null;
        }
        return v.longValue();
    }

    public Boolean bool(String key, boolean defaultValue) {
        JsonNode value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            problem(key, "must be true or false, got " + brief(value));
            return null;
        }
        return value.asBoolean();
    }

    public List<String> strings(String key, boolean required) {
        return strings(key, required, null);
    }

    /** A list of strings each of {@code shape} (or any text when {@code null}); refused items are left out. */
    public List<String> strings(String key, boolean required, FieldShape shape) {
        JsonNode value = raw(key);
        List<String> out = new ArrayList<>();
        if (value == null) {
            if (required) {
                problem(key, "is missing; add a list with at least one entry");
            }
            return out;
        }
        if (!value.isArray()) {
            problem(key, "must be a list of strings, got " + brief(value));
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add(file + ": " + field(key) + "[" + i + "]: must be a non-empty string, got " + brief(item));
            } else {
                String text = literal(field(key) + "[" + i + "]", item.asText(), true, false);
                if (text != null && shape != null && !shape.accepts(text)) {
                    problems.add(file + ": " + field(key) + "[" + i + "]: is '" + text + "', not "
                            + shape.description());
                } else if (text != null) {
                    out.add(text);
                }
            }
        }
        if (required && value.isEmpty()) {
            problem(key, "is empty; add at least one entry");
        }
        return out;
    }

    /** A mapping of strings to strings (e.g. labels), sorted by key; empty when absent. */
    public Map<String, String> stringMap(String key) {
        return stringMap(key, null, null);
    }

    /** Kubernetes labels: keys and values of their shapes ({@link FieldShape#LABEL_KEY}, {@code LABEL_VALUE}). */
    public Map<String, String> labels(String key) {
        return stringMap(key, FieldShape.LABEL_KEY, FieldShape.LABEL_VALUE);
    }

    /** Kubernetes annotations: keys of {@link FieldShape#LABEL_KEY}'s shape, values free text (no markers). */
    public Map<String, String> annotations(String key) {
        return stringMap(key, FieldShape.LABEL_KEY, null);
    }

    private Map<String, String> stringMap(String key, FieldShape keyShape, FieldShape valueShape) {
        JsonNode value = raw(key);
        Map<String, String> out = new TreeMap<>();
        if (value == null) {
            return out;
        }
        if (!value.isObject()) {
            problem(key, "must be a mapping of strings, e.g. {release: kube-prometheus-stack}, got " + brief(value));
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = field(key) + "." + field.getKey();
            if (!field.getValue().isTextual()) {
                problems.add(file + ": " + path + ": must be a string, got " + brief(field.getValue()));
                continue;
            }
            String name = literal(path + " (the key)", field.getKey(), true, false);
            String text = literal(path, field.getValue().asText(), true, false);
            if (name == null || text == null) {
                continue;
            }
            if (keyShape != null && !keyShape.accepts(name)) {
                problems.add(file + ": " + path + ": the key '" + name + "' is not " + keyShape.description());
            } else if (valueShape != null && !valueShape.accepts(text)) {
                problems.add(file + ": " + path + ": is '" + text + "', not " + valueShape.description());
            } else {
                out.put(name, text);
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
            problem(key, "must be a mapping of fields, got " + brief(value));
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
            problem(key, "must be a list, got " + brief(value));
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                problems.add(file + ": " + field(key) + "[" + i + "]: must be a mapping, got " + brief(item));
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
            if (known.contains(name)) {
                continue;
            }
            if (LITERAL_SECRET.matcher(name).matches()) {
                List<String> secretFields = known.stream()
                        .filter(k -> k.endsWith("SecretName") && !k.startsWith("tls")).toList();
                problem(name, "is not a field: literal passwords and keys are refused by design, as they would sit"
                        + " in plain text in this file, in the synthesized JSON and in Terraform state (the value"
                        + " is not shown); remove it: the stack generates the password (random_password) and"
                        + " writes it to the connection Secret" + (secretFields.isEmpty() ? ""
                        : ", or name an existing Kubernetes Secret that holds it with "
                                + String.join(" or ", secretFields))
                        + " (docs/rotating-credentials.md)");
                continue;
            }
            problem(name, "is not a known field; known fields here: " + String.join(", ", known)
                    + " (check the spelling)");
        }
    }

    /** Keys that look like a place for a literal secret: password, authToken, accessKey, apiKey, clientSecret. */
    private static final java.util.regex.Pattern LITERAL_SECRET = java.util.regex.Pattern.compile(
            "(?i)[a-z]*(password|passwd|pwd|token|accesskey|apikey|privatekey|secretkey|clientsecret)s?");
}
