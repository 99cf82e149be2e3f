package dev.kvstores.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One resource (or data source) of a synthesized {@code cdk.tf.json}.
 *
 * @param type Terraform type, e.g. {@code helm_release}
 * @param name logical name
 * @param body the resource's attributes
 */
public record SynthesizedResource(String type, String name, JsonNode body) {

    /** Terraform address, e.g. {@code helm_release.cache_resource_release_1a2b3c}. */
    public String address() {
        return type + "." + name;
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
}
