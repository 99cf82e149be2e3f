package dev.kvstores.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvstores.internal.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One resource (or data source) of a synthesized {@code cdk.tf.json}: its Terraform type (e.g.
 * {@code helm_release}), logical name and attributes. A {@code helm_release}'s values documents are parsed once,
 * on first use, however many rules read them.
 */
public final class SynthesizedResource {

    private final String type;
    private final String name;
    private final JsonNode body;
    private List<Map<String, Object>> valuesDocuments;

    /**
     * @param type Terraform type, e.g. {@code helm_release}
     * @param name logical name
     * @param body the resource's attributes
     */
    public SynthesizedResource(String type, String name, JsonNode body) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** Terraform type, e.g. {@code helm_release}. */
    public String type() {
        return type;
    }

    /** Logical name. */
    public String name() {
        return name;
    }

    /** The resource's attributes. */
    public JsonNode body() {
        return body;
    }

    /** Terraform address, e.g. {@code helm_release.cache_resource_release_1a2b3c}. */
    public String address() {
        return type + "." + name;
    }

    /**
     * The YAML documents of the {@code values} attribute (a {@code helm_release}'s), each parsed, in order;
     * empty when there are none. Parsed on the first call and kept for every later caller: do not modify them (the
     * lists and the top-level maps refuse it; nested maps are the parser's).
     *
     * @throws IllegalArgumentException when a document is not valid YAML
     */
    public List<Map<String, Object>> valuesDocuments() {
        if (valuesDocuments == null) {
            List<Map<String, Object>> parsed = new ArrayList<>();
            body.path("values").forEach(doc -> parsed.add(Collections.unmodifiableMap(Values.parse(doc.asText()))));
            valuesDocuments = Collections.unmodifiableList(parsed);
        }
        return valuesDocuments;
    }

    /**
     * A nested block as cdktf writes it: the first element of a one-item list, or the object itself
     * (providers' single nested blocks come out either way). Missing node when absent.
     */
    public static JsonNode block(JsonNode parent, String name) {
        JsonNode node = parent.path(name);
        return node.isArray() ? node.path(0) : node;
    }

    /** Text of a top-level attribute, or {@code null} when absent. */
    public String text(String attribute) {
        JsonNode node = body.get(attribute);
        return node == null || node.isNull() ? null : node.asText();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SynthesizedResource r && type.equals(r.type) && name.equals(r.name)
                && body.equals(r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, body);
    }

    @Override
    public String toString() {
        return "SynthesizedResource[" + address() + "]";
    }
}
